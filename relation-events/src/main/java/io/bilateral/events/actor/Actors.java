package io.bilateral.events.actor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The actors a fact may name: every ISO 3166-1 alpha-3 code the JDK knows (which includes
 * {@code TWN} and {@code HKG}), plus a short documented list of organisations. Codes are
 * upper case; anything else is unknown.
 */
public final class Actors {

    /** Organisations a relation can be kept with; their codes cannot clash with alpha-3 codes. */
    private static final Map<String, String> ORGANISATIONS = Map.of(
            "EU", "European Union",
            "UN", "United Nations",
            "NATO", "North Atlantic Treaty Organization",
            "ASEAN", "Association of Southeast Asian Nations",
            "AU", "African Union",
            "WTO", "World Trade Organization");

    private static final Map<String, Actor> ALL = load();

    private Actors() {
    }

    private static Map<String, Actor> load() {
        Map<String, Actor> actors = new LinkedHashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            Locale country = new Locale("", alpha2);
            actors.put(country.getISO3Country(),
                    new Actor(country.getISO3Country(), country.getDisplayCountry(Locale.ENGLISH), Actor.Kind.STATE));
        }
        ORGANISATIONS.forEach((code, name) -> actors.put(code, new Actor(code, name, Actor.Kind.ORGANISATION)));
        return Collections.unmodifiableMap(actors);
    }

    public static Optional<Actor> find(String code) {
        return Optional.ofNullable(code).map(ALL::get);
    }

    public static boolean isKnown(String code) {
        return code != null && ALL.containsKey(code);
    }

    public static java.util.SortedSet<String> organisationCodes() {
        return new java.util.TreeSet<>(ORGANISATIONS.keySet());
    }

    public static Map<String, Actor> all() {
        return ALL;
    }
}
