package io.bilateral.query.readmodel.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/missions} answers: each post (sending state, host, city, kind) and its status. */
public record Missions(String dyad, List<Post> missions) {

    /** A post: OPEN or CLOSED, since and until when, and the facts it is folded from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MissionPost")
    public record Post(String kind, String sendingState, String hostState, String city, String status,
                       String since, String closed, List<PostFact> facts) {
    }

    /** A fact about a post: MissionOpened, MissionClosed or MissionRecorded. */
    @Schema(name = "MissionFact")
    public record PostFact(String factId, String occurred, String precision, String certainty, String summary,
                           @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                           String type) {
    }
}
