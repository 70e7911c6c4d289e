package io.bilateral.events.actor;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A state (ISO 3166-1 alpha-3 code), a former state (ISO 3166-3, with the years it existed) or
 * an international organisation, from {@link Actors}. {@code from} and {@code until} are years,
 * inclusive; null where the list gives none (current states are not dated).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Actor(String code, String name, Kind kind, Integer from, Integer until) {

    public enum Kind { STATE, FORMER_STATE, ORGANISATION }

    public Actor(String code, String name, Kind kind) {
        this(code, name, kind, null, null);
    }

    /** Whether the actor existed at some time in the years from {@code first} to {@code last}. */
    public boolean existedWithin(int first, int last) {
        return (from == null || last >= from) && (until == null || first <= until);
    }

    /** "1922–1991", "since 2008", or null for an undated actor. */
    public String years() {
        if (from == null && until == null) {
            return null;
        }
        return until == null ? "since " + from : (from == null ? "until " : from + "–") + until;
    }
}
