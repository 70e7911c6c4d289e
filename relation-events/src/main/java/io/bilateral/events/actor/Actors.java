package io.bilateral.events.actor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The actors a fact may name: every ISO 3166-1 alpha-3 code the JDK knows (which includes
 * {@code TWN} and {@code HKG}), Kosovo's {@code XKX} (used by the EU and the IMF, not in ISO),
 * former states from ISO 3166-3 with the years they existed, and organisations: a documented
 * list that an operator extends by configuration ({@link #addOrganisations}). Codes are upper
 * case; anything else is unknown.
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

    /**
     * States that no longer exist, with their ISO 3166-3 codes and the years they existed as the
     * state the code names (Yugoslavia: the SFRY and the FRY, until Serbia and Montenegro).
     */
    private static final List<Actor> FORMER_STATES = List.of(
            new Actor("SUN", "Soviet Union", Actor.Kind.FORMER_STATE, 1922, 1991),
            new Actor("YUG", "Yugoslavia", Actor.Kind.FORMER_STATE, 1918, 2003),
            new Actor("DDR", "German Democratic Republic", Actor.Kind.FORMER_STATE, 1949, 1990),
            new Actor("CSK", "Czechoslovakia", Actor.Kind.FORMER_STATE, 1918, 1992),
            new Actor("SCG", "Serbia and Montenegro", Actor.Kind.FORMER_STATE, 2003, 2006),
            new Actor("ANT", "Netherlands Antilles", Actor.Kind.FORMER_STATE, 1954, 2010),
            new Actor("ZAR", "Zaire", Actor.Kind.FORMER_STATE, 1971, 1997),
            new Actor("YMD", "South Yemen (People's Democratic Republic of Yemen)", Actor.Kind.FORMER_STATE, 1967, 1990),
            new Actor("VDR", "North Vietnam (Democratic Republic of Viet-Nam)", Actor.Kind.FORMER_STATE, 1945, 1976));

    private static final Pattern ORGANISATION_CODE = Pattern.compile("[A-Z][A-Z0-9]{1,9}");

    private static volatile Map<String, Actor> all = load(Map.of());

    private Actors() {
    }

    private static Map<String, Actor> load(Map<String, String> extraOrganisations) {
        Map<String, Actor> actors = new LinkedHashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            Locale country = new Locale("", alpha2);
            actors.put(country.getISO3Country(),
                    new Actor(country.getISO3Country(), country.getDisplayCountry(Locale.ENGLISH), Actor.Kind.STATE));
        }
        actors.put("XKX", new Actor("XKX", "Kosovo", Actor.Kind.STATE, 2008, null));
        FORMER_STATES.forEach(state -> actors.put(state.code(), state));
        ORGANISATIONS.forEach((code, name) -> actors.put(code, new Actor(code, name, Actor.Kind.ORGANISATION)));
        extraOrganisations.forEach((code, name) -> actors.put(code, new Actor(code, name, Actor.Kind.ORGANISATION)));
        return Collections.unmodifiableMap(actors);
    }

    /**
     * Adds organisations from the operator's configuration (code → name), for the life of the
     * process. Both services must be given the same list: an event naming an organisation that
     * query-service does not know cannot be projected. A code must not be one that is already known.
     */
    public static synchronized void addOrganisations(Map<String, String> organisations) {
        Map<String, String> extra = new LinkedHashMap<>();
        all.values().stream().filter(a -> a.kind() == Actor.Kind.ORGANISATION && !ORGANISATIONS.containsKey(a.code()))
                .forEach(a -> extra.put(a.code(), a.name()));
        organisations.forEach((code, name) -> {
            if (!ORGANISATION_CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("organisation code '" + code + "': 2 to 10 upper-case letters or digits, starting with a letter");
            }
            Actor known = all.get(code);
            if (known != null && known.kind() != Actor.Kind.ORGANISATION) {
                throw new IllegalArgumentException("organisation code '" + code + "' is already " + known.name());
            }
            extra.put(code, name);
        });
        all = load(extra);
    }

    /**
     * Adds organisations written as an operator configures them, each {@code CODE=Name}
     * ({@code OSCE=Organization for Security and Co-operation in Europe}).
     */
    public static void addOrganisations(List<String> entries) {
        Map<String, String> organisations = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 1 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("organisation '" + entry + "': write it CODE=Name, e.g. OSCE=Organization for Security and Co-operation in Europe");
            }
            organisations.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        addOrganisations(organisations);
    }

    public static Optional<Actor> find(String code) {
        return Optional.ofNullable(code).map(all::get);
    }

    public static boolean isKnown(String code) {
        return code != null && all.containsKey(code);
    }

    public static SortedSet<String> organisationCodes() {
        SortedSet<String> codes = new TreeSet<>();
        all.values().stream().filter(a -> a.kind() == Actor.Kind.ORGANISATION).forEach(a -> codes.add(a.code()));
        return codes;
    }

    public static Map<String, Actor> all() {
        return all;
    }
}
