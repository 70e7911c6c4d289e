package io.bilateral.importer.gdelt;

import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.Actors;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.cameo.CameoCode;
import io.bilateral.events.cameo.CameoCodebook;
import io.bilateral.events.event.Certainty;
import io.bilateral.events.event.FactRules;
import io.bilateral.events.event.Interaction;
import io.bilateral.events.event.Source;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;
import io.bilateral.importer.FactIds;
import io.bilateral.importer.ImportedFact;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.bilateral.importer.gdelt.GdeltColumns.ACTOR1_COUNTRY;
import static io.bilateral.importer.gdelt.GdeltColumns.ACTOR1_NAME;
import static io.bilateral.importer.gdelt.GdeltColumns.ACTOR2_COUNTRY;
import static io.bilateral.importer.gdelt.GdeltColumns.ACTOR2_NAME;
import static io.bilateral.importer.gdelt.GdeltColumns.DATEADDED;
import static io.bilateral.importer.gdelt.GdeltColumns.EVENT_CODE;
import static io.bilateral.importer.gdelt.GdeltColumns.GLOBALEVENTID;
import static io.bilateral.importer.gdelt.GdeltColumns.SOURCEURL;
import static io.bilateral.importer.gdelt.GdeltColumns.SQLDATE;

/**
 * One row of a GDELT 2.0 event export to an {@link Interaction}, or the reason it is skipped.
 * Everything event-service would refuse is caught here, so that a chunk's batch, which is
 * refused whole for one bad event, goes through: actors of the contract, a CAMEO code of the
 * shipped codebook, a real day, an absolute http(s) source URL, and every rule of
 * {@link FactRules}. Stateless: one instance serves a whole import.
 */
public final class GdeltRowConverter {

    private static final Pattern DAY = Pattern.compile("\\d{8}");
    private static final Pattern ADDED = Pattern.compile("\\d{14}");
    private static final DateTimeFormatter ADDED_FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** What became of a row. */
    public sealed interface Result permits Converted, Skipped {
    }

    public record Converted(long gdeltEventId, ImportedFact fact) implements Result {
    }

    public record Skipped(SkipReason reason, String detail) implements Result {
    }

    public Result convert(String line) {
        String[] c = split(line);
        if (c.length < GdeltColumns.COUNT) {
            return new Skipped(SkipReason.TOO_FEW_COLUMNS, c.length + " columns, not " + GdeltColumns.COUNT);
        }
        long id;
        try {
            id = Long.parseLong(c[GLOBALEVENTID].strip());
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id <= 0) {
            return new Skipped(SkipReason.BAD_EVENT_ID, "'" + c[GLOBALEVENTID] + "'");
        }
        String country1 = c[ACTOR1_COUNTRY].strip();
        String country2 = c[ACTOR2_COUNTRY].strip();
        if (country1.isEmpty() || country2.isEmpty()) {
            return new Skipped(SkipReason.NO_COUNTRY, (country1.isEmpty() ? "Actor1" : "Actor2") + " has no country code");
        }
        Optional<String> actor1 = CameoCountries.actor(country1);
        Optional<String> actor2 = CameoCountries.actor(country2);
        if (actor1.isEmpty() || actor2.isEmpty()) {
            return new Skipped(SkipReason.NOT_A_STATE, CameoCountries.whyNotAState(actor1.isEmpty() ? country1 : country2));
        }
        if (actor1.get().equals(actor2.get())) {
            return new Skipped(SkipReason.SAME_ACTOR, actor1.get() + " on both sides");
        }
        String cameo = c[EVENT_CODE].strip();
        Optional<CameoCode> code = CameoCodebook.find(cameo);
        if (code.isEmpty()) {
            return new Skipped(SkipReason.UNKNOWN_CAMEO_CODE, "'" + cameo + "'");
        }
        PartialDate day = day(c[SQLDATE].strip());
        if (day == null) {
            return new Skipped(SkipReason.BAD_DATE, "'" + c[SQLDATE] + "'");
        }
        String url = c[SOURCEURL].strip();
        if (url.isEmpty()) {
            return new Skipped(SkipReason.NO_SOURCE_URL, "empty SOURCEURL");
        }
        URI source = webUrl(url);
        if (source == null) {
            return new Skipped(SkipReason.BAD_SOURCE_URL, "'" + url + "'");
        }
        DyadId dyad = DyadId.of(actor1.get(), actor2.get());
        Interaction event = new Interaction(dyad, day,
                List.of(new Source(source, null, null, null, added(c[DATEADDED].strip()), null)),
                Certainty.REPORTED,
                summary(name(c[ACTOR1_NAME], actor1.get()), name(c[ACTOR2_NAME], actor2.get()), code.get()),
                null, cameo, ActorCode.of(actor1.get()), ActorCode.of(actor2.get()), null, id);
        List<Violation> violations = FactRules.violations(event);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            return new Skipped(SkipReason.REFUSED_BY_RULES, first.pointer() + " " + first.detail());
        }
        return new Converted(id, new ImportedFact(FactIds.gdeltEventId(id), FactIds.gdeltFactId(dyad, id), event));
    }

    /** The columns; a line ending in CR (a file written on Windows) loses it. */
    private static String[] split(String line) {
        String row = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        return row.split("\t", -1);
    }

    /** YYYYMMDD as an EDTF day, or null if it is not a real day. */
    private static PartialDate day(String sqlDate) {
        if (!DAY.matcher(sqlDate).matches()) {
            return null;
        }
        try {
            return PartialDate.parse(sqlDate.substring(0, 4) + "-" + sqlDate.substring(4, 6) + "-" + sqlDate.substring(6));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The test event-service applies ({@link Source#isWebAddress}), or null when the text is not even a URI. */
    private static URI webUrl(String url) {
        try {
            URI uri = new URI(url);
            return Source.isWebAddress(uri) ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** DATEADDED as when the source was read; GDELT 1.0's day-only form, or anything else, gives none. */
    private static Instant added(String dateAdded) {
        if (!ADDED.matcher(dateAdded).matches()) {
            return null;
        }
        try {
            return LocalDateTime.parse(dateAdded, ADDED_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** GDELT's name of the actor (upper case, as it extracted it), else the state's own name. */
    private static String name(String gdeltName, String actor) {
        String name = clean(gdeltName);
        return name.isEmpty() ? Actors.find(actor).orElseThrow().name() : name;
    }

    private static String summary(String actor, String target, CameoCode code) {
        return actor + " → " + target + ": " + code.label();
    }

    /** No control characters (event-service refuses NUL; a tab or newline has no place in a name). */
    private static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
