package io.bilateral.ingest.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.DiplomaticRelationsEstablished;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.Precision;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubmissionReaderTest {

    static final String VALID = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "CHN-BEL", "occurred": "1971-10-25",
             "certainty": "CONFIRMED",
             "sources": [{"url": "https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations",
                          "title": "Belgium–China relations", "published": "2025-10", "locator": "History",
                          "retrievedAt": "2026-11-28T09:00:00Z"}]}""";

    private final SubmissionReader reader = new SubmissionReader(
            Clock.fixed(Instant.parse("2026-11-28T10:00:00.123456789Z"), ZoneOffset.UTC));

    @Test
    void validSubmission_becomesAnEvent_withCanonicalDyad_andServerAssignedMetadata() {
        EventEnvelope e = reader.read(VALID);
        assertThat(e.event()).isInstanceOf(DiplomaticRelationsEstablished.class);
        assertThat(e.dyad().toString()).isEqualTo("BEL-CHN");
        assertThat(e.event().occurred().precision()).isEqualTo(Precision.DAY);
        assertThat(e.event().sources()).hasSize(1);
        assertThat(e.metadata().recordedAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00.123456Z"));
        assertThat(e.metadata().factId()).isEqualTo("bel-chn-" + e.metadata().eventId());
    }

    @Test
    void eventsSentWithoutAnId_getIdsOfVersion7_thatSortAsTextInTheOrderTheyCame() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(reader.read(VALID).metadata().eventId());
        }
        long after = System.currentTimeMillis();
        // The read models index the event id and the fact id ("bel-chn-" and the event id) as text.
        List<String> asText = ids.stream().map(UUID::toString).toList();
        assertThat(asText).doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.getMostSignificantBits() >>> 16).as("its time, in Unix milliseconds").isBetween(before, after);
        });
    }

    @Test
    void clientChosenIds_areKept() {
        String body = VALID.replace("{\"type\"", "{\"eventId\": \"7d1f7a52-5b8e-4c8e-9a43-0f5f0e7f6a11\", \"factId\": \"bel-chn-1971\", \"type\"");
        EventEnvelope e = reader.read(body);
        assertThat(e.metadata().eventId()).isEqualTo(UUID.fromString("7d1f7a52-5b8e-4c8e-9a43-0f5f0e7f6a11"));
        assertThat(e.metadata().factId()).isEqualTo("bel-chn-1971");
    }

    @Test
    void everyProblem_isReported_notJustTheFirst() {
        String body = """
                {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-XYZ", "occurred": "1991-02-30",
                 "sources": [{"url": "not a url"}], "ocurred": "1971", "recordedAt": "2020-01-01T00:00:00Z"}""";
        List<Violation> v = violations(body);
        assertThat(v).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/dyad", "/occurred", "/sources/0/url", "/ocurred", "/recordedAt");
        assertThat(v).filteredOn(x -> x.pointer().equals("/dyad")).first()
                .extracting(Violation::detail).asString().contains("'XYZ' is not a known actor code");
        assertThat(v).filteredOn(x -> x.pointer().equals("/occurred")).first()
                .extracting(Violation::detail).asString().contains("not a day of the calendar");
    }

    @Test
    void everyBadFieldOfTheTypesOwn_isReported_whenTheyAreTheOnlyProblems() {
        // Valid in every common field: these problems are found by binding the fact, which stops
        // at the first, and then by going through the type's fields one at a time.
        String body = """
                {"type": "OfficialVisit", "dyad": "BEL-CHN", "occurred": "2019-05",
                 "sources": [{"url": "https://example.org/visit"}],
                 "visitor": {"title": "Minister"}, "office": 7, "visitingState": ["BEL"], "hostState": "CHN"}""";
        assertThat(violations(body)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/visitor/name", "/office", "/visitingState");
    }

    @Test
    void malformedJson_pointsAtTheWholeBody() {
        assertThat(violations("{\"type\": ")).singleElement()
                .satisfies(x -> {
                    assertThat(x.pointer()).isEmpty();
                    assertThat(x.detail()).startsWith("is not well-formed JSON");
                });
    }

    @Test
    void sameActorTwice_isRejectedOnDyad() {
        assertThat(violations(VALID.replace("CHN-BEL", "BEL-BEL"))).singleElement()
                .satisfies(x -> assertThat(x.pointer()).isEqualTo("/dyad"));
    }

    @Test
    void missingSources_andEmptySources_areRejected() {
        String emptySources = """
                {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-CHN", "occurred": "1971-10-25", "sources": []}""";
        assertThat(violations(emptySources)).singleElement().satisfies(x -> assertThat(x.pointer()).isEqualTo("/sources"));
        String noSources = """
                {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-CHN", "occurred": "1971-10-25"}""";
        assertThat(violations(noSources)).singleElement().satisfies(x -> {
            assertThat(x.pointer()).isEqualTo("/sources");
            assertThat(x.detail()).contains("at least one source");
        });
    }

    @Test
    void unknownType_listsTheKnownOnes() {
        assertThat(violations(VALID.replace("DiplomaticRelationsEstablished", "Friendship"))).singleElement()
                .satisfies(x -> {
                    assertThat(x.pointer()).isEqualTo("/type");
                    assertThat(x.detail()).contains("'Friendship' is not a known type").contains("DiplomaticRelationsEstablished");
                });
    }

    @Test
    void wrongTypes_areNamed() {
        assertThat(violations(VALID.replace("\"1971-10-25\"", "19711025"))).singleElement()
                .satisfies(x -> assertThat(x).isEqualTo(new Violation("/occurred", "must be a string")));
        assertThat(violations(VALID.replace("\"certainty\": \"CONFIRMED\"", "\"certainty\": \"rumoured\"")))
                .singleElement().satisfies(x -> assertThat(x.pointer()).isEqualTo("/certainty"));
        assertThat(violations(VALID.replace("\"certainty\": \"CONFIRMED\"", "\"summary\": 42")))
                .singleElement().satisfies(x -> assertThat(x).isEqualTo(new Violation("/summary", "must be a string")));
    }

    @Test
    void sourceFields_areChecked() {
        String body = VALID.replace("\"published\": \"2025-10\"", "\"published\": \"2025-13\", \"pages\": 3")
                .replace("\"2026-11-28T09:00:00Z\"", "\"yesterday\"");
        assertThat(violations(body)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/sources/0/published", "/sources/0/pages", "/sources/0/retrievedAt");
        assertThat(violations(VALID.replace("https://en.wikipedia", "ftp://en.wikipedia")))
                .extracting(Violation::pointer).containsExactly("/sources/0/url");
    }

    @Test
    void badClientIds_areRejected() {
        assertThat(violations(VALID.replace("{\"type\"", "{\"eventId\": \"123\", \"factId\": \"has space\", \"type\"")))
                .extracting(Violation::pointer).containsExactlyInAnyOrder("/eventId", "/factId");
    }

    /** The log orders only within a dyad: a fact id shared by two dyads would make the read models order-dependent. */
    @Test
    void factIdOfAnotherDyad_isRejected_forANewFactAndForACorrection() {
        assertThat(violations(VALID.replace("{\"type\"", "{\"factId\": \"bel-jpn-1971\", \"type\"")))
                .singleElement().satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/factId");
                    assertThat(v.detail()).contains("'bel-chn-'");
                });
        String retraction = """
                {"type": "FactRetracted", "dyad": "BEL-JPN", "factId": "bel-chn-1971", "basedOnRevision": 1,
                 "reason": "ERRONEOUS", "sources": [{"url": "https://example.org/x"}]}""";
        assertThat(violations(retraction)).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/factId");
            assertThat(v.detail()).contains("a correction names a fact of its own dyad");
        });
        assertThat(reader.read(VALID.replace("{\"type\"", "{\"factId\": \"BEL-CHN-1971\", \"type\"")).metadata().factId())
                .isEqualTo("BEL-CHN-1971");
    }

    @Test
    void notAnObject_isRejected() {
        assertThat(violations("[1, 2]")).singleElement().satisfies(x -> assertThat(x.pointer()).isEmpty());
    }

    @Test
    void unicodeNames_areKeptIntact() {
        EventEnvelope e = reader.read(VALID.replace("\"certainty\": \"CONFIRMED\"", "\"summary\": \"习近平 — Brotchi\""));
        assertThat(((DiplomaticRelationsEstablished) e.event()).summary()).isEqualTo("习近平 — Brotchi");
    }

    private List<Violation> violations(String body) {
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class, () -> reader.read(body));
        assertThat(e).as("expected a rejection of " + body).isNotNull();
        return e.violations();
    }

    @Test
    void emptyObject_listsEveryRequiredField() {
        assertThat(violations("{}")).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/type", "/dyad", "/occurred", "/sources");
    }

    /** Limits the parser checks as it reads; here small ones, to show each is named at its field. */
    @Test
    void jsonPastTheLimits_isRefusedAtTheFieldWhereTheParserStopped() {
        SubmissionReader small = new SubmissionReader(Clock.systemUTC(), new JsonLimits(4, 10, 100));
        String deep = VALID.replace("\"certainty\": \"CONFIRMED\",", "\"certainty\": [[[[[\"CONFIRMED\"]]]]],");
        String longNumber = VALID.replace("\"certainty\": \"CONFIRMED\",", "\"certainty\": 123456789012345,");
        String longText = VALID.replace("\"certainty\": \"CONFIRMED\",", "\"summary\": \"" + "x".repeat(101) + "\",");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.read(deep)).isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidSubmissionException) e).violations())
                        .extracting(v -> v.pointer() + " " + v.detail()).containsExactly("/certainty/0/0/0 is nested deeper than 4 levels"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.read(longNumber)).isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidSubmissionException) e).violations())
                        .extracting(v -> v.pointer() + " " + v.detail()).containsExactly("/certainty is a number longer than 10 characters"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.read(longText)).isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidSubmissionException) e).violations())
                        .extracting(v -> v.pointer() + " " + v.detail()).containsExactly("/summary is a text longer than 100 characters"));
        // Within the limits, the same reader reads a valid event.
        org.assertj.core.api.Assertions.assertThat(small.read(VALID).dyad().toString()).isEqualTo("BEL-CHN");
    }

    @Test
    void nullsAndNulCharacters_areNamedByTheirPointer_atAnyDepth_evenInsideABatch() throws Exception {
        String body = VALID
                .replace("\"title\": \"Belgium–China relations\"", "\"title\": \"Belgium\\u0000China\"")
                .replace("\"certainty\": \"CONFIRMED\"", "\"certainty\": \"CONFIRMED\", \"notes\": [\"a\", null, \"b\\u0000\"], \"odd/na~me\\u0000\": 1");
        JsonNode tree = EventJson.mapper().readTree(body);
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class, () -> reader.read(tree, "/3"));
        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(v -> v.pointer() + " " + v.detail()).contains(
                "/3/sources/0/title must not contain the NUL character (U+0000)",
                "/3/notes/1 must not be null",
                "/3/notes/2 must not contain the NUL character (U+0000)",
                "/3/odd~1na~0me\u0000 a field name must not contain the NUL character (U+0000)");
    }
}
