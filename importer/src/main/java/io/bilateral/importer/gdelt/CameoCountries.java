package io.bilateral.importer.gdelt;

import io.bilateral.events.actor.Actor;
import io.bilateral.events.actor.Actors;

import java.util.Map;
import java.util.Optional;

/**
 * GDELT's actor country codes (CAMEO's) as the project's actors. CAMEO took ISO 3166-1 alpha-3
 * codes as they were when it was written, so most pass through as they are; the table below
 * holds the ones known to differ, and the regions CAMEO codes like countries, which are not
 * actors. A code outside both is taken as it is when it names a state or former state of
 * {@link Actors} (a former state's dates are then checked by the fact rules), else the row is
 * not between two states.
 *
 * <pre>
 * CAMEO  actor  why
 * ROM    ROU    Romania: ISO changed its code in 2002, CAMEO kept the old one
 * TMP    TLS    East Timor: ISO's code until 2002
 * KSV    XKX    Kosovo: CAMEO's own code; the project uses XKX (EU, IMF), ISO has none
 * USR    SUN    the Soviet Union: CAMEO's code; SUN is ISO 3166-3's
 * GDR    DDR    East Germany: CAMEO's code; DDR is ISO 3166-3's
 * </pre>
 *
 * Organisations are never matched here: a country code names a state, and an operator's
 * three-letter organisation code must not turn a country column into an organisation.
 */
public final class CameoCountries {

    /** CAMEO code → the project's actor code, where they differ. */
    static final Map<String, String> RENAMED = Map.of(
            "ROM", "ROU",
            "TMP", "TLS",
            "KSV", "XKX",
            "USR", "SUN",
            "GDR", "DDR");

    /** CAMEO's regional and other non-state "country" codes: never an actor of a dyad. */
    static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("AFR", "Africa"),
            Map.entry("ASA", "Asia"),
            Map.entry("BLK", "Balkans"),
            Map.entry("CRB", "Caribbean"),
            Map.entry("CAU", "Caucasus"),
            Map.entry("CFR", "Central Africa"),
            Map.entry("CAS", "Central Asia"),
            Map.entry("EAF", "East Africa"),
            Map.entry("EEU", "Eastern Europe"),
            Map.entry("EUR", "Europe"),
            Map.entry("LAM", "Latin America"),
            Map.entry("MEA", "Middle East"),
            Map.entry("MDT", "Mediterranean"),
            Map.entry("NAF", "North Africa"),
            Map.entry("NMR", "North America"),
            Map.entry("PGS", "Persian Gulf"),
            Map.entry("SCN", "Scandinavia"),
            Map.entry("SAM", "South America"),
            Map.entry("SAS", "South Asia"),
            Map.entry("SEA", "Southeast Asia"),
            Map.entry("SAF", "Southern Africa"),
            Map.entry("WAF", "West Africa"),
            Map.entry("WST", "the West"));

    private CameoCountries() {
    }

    /** The actor a GDELT country code names, if it names a state (current or former). */
    public static Optional<String> actor(String cameoCountry) {
        if (cameoCountry == null || REGIONS.containsKey(cameoCountry)) {
            return Optional.empty();
        }
        String code = RENAMED.getOrDefault(cameoCountry, cameoCountry);
        return Actors.find(code).filter(actor -> actor.kind() != Actor.Kind.ORGANISATION).map(Actor::code);
    }

    /** Why a code names no state: a region, or a code not known at all. */
    public static String whyNotAState(String cameoCountry) {
        String region = REGIONS.get(cameoCountry);
        return region != null ? cameoCountry + " is a region (" + region + "), not a state"
                : "'" + cameoCountry + "' is not a state's code";
    }
}
