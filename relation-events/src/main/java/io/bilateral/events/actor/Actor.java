package io.bilateral.events.actor;

/** A state (ISO 3166-1 alpha-3 code) or an international organisation from {@link Actors}. */
public record Actor(String code, String name, Kind kind) {

    public enum Kind { STATE, ORGANISATION }
}
