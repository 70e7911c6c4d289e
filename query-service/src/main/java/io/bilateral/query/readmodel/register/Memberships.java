package io.bilateral.query.readmodel.register;

import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/memberships} answers: each change of membership in timeline order, and where each member stands now. */
public record Memberships(String dyad, List<Change> memberships, List<Standing> current) {

    /** A member joined, left, was suspended from or readmitted to a format or organisation. */
    @Schema(name = "MembershipChange")
    public record Change(String factId, String occurred, String precision, String certainty, String summary,
                         @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                         String member, String organisation, String organisationCode, String ledBy, String change) {
    }

    /** Where a member stands in an organisation now: MEMBER, or the last change that took it out. */
    @Schema(name = "MembershipStanding")
    public record Standing(String member, String organisation, String status, String since, String factId) {
    }
}
