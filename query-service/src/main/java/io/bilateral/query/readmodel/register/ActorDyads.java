package io.bilateral.query.readmodel.register;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What {@code GET /actors/{code}/dyads} answers: an actor's country view. */
public record ActorDyads(String actor, String name, List<Dyad> dyads) {

    /** A dyad of the actor: the other actor, its name, the current facts, and when the last was recorded. */
    @Schema(name = "ActorDyad")
    public record Dyad(String dyad, String other, String otherName, long facts,
                       @Schema(format = "date-time") String lastRecordedAt) {
    }
}
