package io.bilateral.query.readmodel.people;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A person (by name, and Wikidata id where given) and every role the current facts give them. */
public record PersonRoles(String name, String wikidataId, List<Role> roles) {

    /** A role in one fact: visitor (with the office held then), sanctioned, envoy, target, or a notable person's role. */
    @Schema(name = "PersonRole")
    public record Role(String role, String office, String factId, String dyad, String type, String occurred, String precision) {
    }

    /** What {@code GET /people} answers: the people whose names hold the words asked for. */
    @Schema(name = "PeopleByName")
    public record ByName(String name, List<PersonRoles> people) {
    }

    /** What {@code GET /dyads/{dyad}/people} answers: the people of one relation. */
    @Schema(name = "DyadPeople")
    public record OfDyad(String dyad, List<PersonRoles> people) {
    }
}
