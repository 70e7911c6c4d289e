package io.bilateral.ingest.validate;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.event.ArmedConflict;
import io.bilateral.events.event.EventType;
import io.bilateral.events.event.Source;
import io.bilateral.events.time.Precision;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every fact of the seed article is in the demo file, valid, with its source and the date as precise as the article. */
class DemoDataTest {

    private final SubmissionReader reader = new SubmissionReader(Clock.systemUTC());

    private List<EventEnvelope> events() {
        return DemoData.lines().stream().map(reader::read).toList();
    }

    @Test
    void everySeedFact_isAValidEvent_countedByType() {
        Map<String, Long> byType = events().stream()
                .collect(Collectors.groupingBy(e -> e.type().wireName(), TreeMap::new, Collectors.counting()));
        assertThat(byType).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("MissionRecorded", 5L),
                Map.entry("ArmedConflict", 1L),
                Map.entry("DiplomaticRelationsEstablished", 1L),
                Map.entry("OfficialVisit", 8L),
                Map.entry("EventParticipation", 1L),
                Map.entry("MultilateralStatement", 1L),
                Map.entry("PersonalSanction", 1L),
                Map.entry("PolicyOpposition", 1L),
                Map.entry("EspionageAllegation", 2L),
                Map.entry("DiplomatSummoned", 1L),
                Map.entry("CyberIncident", 2L),
                Map.entry("TradeStatisticReported", 2L),
                Map.entry("NotablePersonLinked", 1L),
                Map.entry("RelatedRelationLinked", 4L))));
        assertThat(events()).hasSize(31).allMatch(e -> e.dyad().toString().equals("BEL-CHN"));
    }

    @Test
    void everyFact_citesTheArticle_withTheSectionItComesFrom() {
        for (EventEnvelope e : events()) {
            assertThat(e.event().sources()).as(e.metadata().factId()).singleElement().satisfies((Source s) -> {
                assertThat(s.url().toString()).isEqualTo("https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations");
                assertThat(s.locator()).isNotBlank();
            });
        }
    }

    @Test
    void dates_areAsPreciseAsTheArticle_neverPadded() {
        Map<String, EventEnvelope> byFact = events().stream()
                .collect(Collectors.toMap(e -> e.metadata().factId(), Function.identity()));
        assertThat(byFact.get("bel-chn-relations-established").event().occurred().precision()).isEqualTo(Precision.DAY);
        assertThat(byFact.get("bel-chn-visit-zhu-rongji-1991").event().occurred().precision()).isEqualTo(Precision.MONTH);
        assertThat(byFact.get("bel-chn-trade-2013").event().occurred().precision()).isEqualTo(Precision.YEAR);
        EventEnvelope korea = byFact.get("bel-chn-korean-war");
        assertThat(korea.event().occurred().interval()).isTrue();
        assertThat(((ArmedConflict) korea.event()).sides()).hasSize(2);
        EventEnvelope huy = byFact.get("bel-chn-huy-mayor-coercion-2020");
        assertThat(huy.event().occurred().edtf()).isEqualTo("2020");
        assertThat(byFact.get("bel-chn-creyelman-recruitment").event().when().edtf()).isEqualTo("2023-12");
        assertThat(byFact.get("bel-chn-mission-bel-embassy-beijing").event().occurred()).isNull();
    }

    @Test
    void demoEventIds_areFixed_soLoadingTwiceRecordsNothingTwice() {
        assertThat(events()).extracting(e -> e.metadata().eventId()).doesNotHaveDuplicates()
                .containsExactlyElementsOf(events().stream().map(e -> e.metadata().eventId()).toList());
        assertThat(EventType.values()).hasSize(25);
    }

    @Test
    void theLithuaniaChinaDemo_isValid_inItsProperTypes_withFixedIds() throws Exception {
        List<EventEnvelope> crisis = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "demo", "lithuania-china.ndjson")).stream()
                .filter(l -> !l.isBlank()).map(reader::read).toList();
        assertThat(crisis).extracting(e -> e.type().wireName()).contains("MembershipChanged", "RepresentationChanged",
                "EconomicMeasure", "LegalDispute", "Interaction", "MissionOpened");
        assertThat(crisis).extracting(e -> e.metadata().eventId()).doesNotHaveDuplicates();
        assertThat(crisis).filteredOn(e -> e.dyad().toString().equals("LTU-TWN")).singleElement()
                .satisfies(office -> assertThat(office.event().alsoConcerns()).extracting(Object::toString).containsExactly("CHN-LTU"));
    }
}
