package io.bilateral.query.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The tail's routing hands each subscriber exactly what its filter matches, as asking every filter would. */
class StreamRoutesTest {

    private static final StreamFilter BEL_CHN = new StreamFilter(Set.of("BEL-CHN"), Set.of(), Set.of());
    private static final StreamFilter TWO_DYADS = new StreamFilter(Set.of("BEL-CHN", "CHN-USA"), Set.of(), Set.of());
    private static final StreamFilter CHINA = new StreamFilter(Set.of(), Set.of("CHN"), Set.of());
    private static final StreamFilter VISITS = new StreamFilter(Set.of(), Set.of(), Set.of("OfficialVisit"));
    private static final StreamFilter BEL_CHN_VISITS = new StreamFilter(Set.of("BEL-CHN"), Set.of(), Set.of("OfficialVisit"));
    private static final StreamFilter CHINA_IN_BEL_CHN = new StreamFilter(Set.of("BEL-CHN"), Set.of("CHN"), Set.of());

    @Test
    void eachSubscriberGetsTheEventsItsFilterWants_onceEach_inStreamOrder() {
        StreamRoutes<String> routes = new StreamRoutes<>();
        routes.add("bel-chn", BEL_CHN);
        routes.add("two dyads", TWO_DYADS);
        routes.add("china", CHINA);
        routes.add("visits", VISITS);
        routes.add("bel-chn visits", BEL_CHN_VISITS);
        routes.add("everything", StreamFilter.ALL);
        routes.add("china in bel-chn", CHINA_IN_BEL_CHN);
        routes.add("deu-fra", new StreamFilter(Set.of("DEU-FRA"), Set.of(), Set.of()));

        CommittedEvent visit = event(1, "BEL-CHN", "OfficialVisit");
        CommittedEvent sanction = event(2, "CHN-USA", "SanctionImposed", "BEL-CHN");
        CommittedEvent other = event(3, "ESP-ITA", "OfficialVisit");
        CommittedEvent trade = event(4, "BEL-USA", "TradeFigure");
        Map<String, List<CommittedEvent>> routed = routes.route(List.of(visit, sanction, other, trade));

        assertThat(routed.get("bel-chn")).containsExactly(visit, sanction);
        // Followed under its own dyad and under the dyad it concerns: handed once.
        assertThat(routed.get("two dyads")).containsExactly(visit, sanction);
        assertThat(routed.get("china")).containsExactly(visit, sanction);
        assertThat(routed.get("visits")).containsExactly(visit, other);
        assertThat(routed.get("bel-chn visits")).containsExactly(visit);
        assertThat(routed.get("everything")).containsExactly(visit, sanction, other, trade);
        assertThat(routed.get("china in bel-chn")).containsExactly(visit, sanction);
        // Nothing of the page for it: not asked to take anything.
        assertThat(routed).doesNotContainKey("deu-fra");
    }

    @Test
    void aRemovedSubscriberIsHandedNothing_andTheOthersStillAre() {
        StreamRoutes<String> routes = new StreamRoutes<>();
        routes.add("a", BEL_CHN);
        routes.add("b", BEL_CHN);
        routes.add("c", CHINA);
        routes.remove("a");
        routes.remove("c");

        Map<String, List<CommittedEvent>> routed = routes.route(List.of(event(7, "BEL-CHN", "OfficialVisit")));

        // "c" would be asked as a follower of China: gone from that index too.
        assertThat(routed).containsOnlyKeys("b");
    }

    /** Random filters and pages: the index must give what asking each filter about each event gives. */
    @Test
    void routingAgreesWithAskingEveryFilter_onRandomFiltersAndPages() {
        Random random = new Random(20261203);
        List<String> actors = List.of("BEL", "CHN", "DEU", "FRA", "USA");
        List<String> dyads = new ArrayList<>();
        for (int i = 0; i < actors.size(); i++) {
            for (int j = i + 1; j < actors.size(); j++) {
                dyads.add(actors.get(i) + "-" + actors.get(j));
            }
        }
        List<String> types = List.of("OfficialVisit", "SanctionImposed", "TradeFigure");
        for (int round = 0; round < 200; round++) {
            StreamRoutes<Integer> routes = new StreamRoutes<>();
            Map<Integer, StreamFilter> filters = new LinkedHashMap<>();
            for (int s = 0; s < 20; s++) {
                StreamFilter f = new StreamFilter(some(random, dyads), some(random, actors), some(random, types));
                filters.put(s, f);
                routes.add(s, f);
            }
            for (int s = 0; s < 20; s += 7) {
                routes.remove(s);
                filters.remove(s);
            }
            List<CommittedEvent> page = new ArrayList<>();
            for (int seq = 1; seq <= 30; seq++) {
                page.add(event(seq, pick(random, dyads), pick(random, types),
                        some(random, dyads).toArray(String[]::new)));
            }

            Map<Integer, List<CommittedEvent>> expected = new LinkedHashMap<>();
            filters.forEach((s, f) -> {
                List<CommittedEvent> wanted = page.stream().filter(f::matches).toList();
                if (!wanted.isEmpty()) {
                    expected.put(s, wanted);
                }
            });
            assertThat(routes.route(page)).as("round %d", round).isEqualTo(expected);
        }
    }

    /** Empty about half the time (no restriction), else one or two values. */
    private static Set<String> some(Random random, List<String> values) {
        Set<String> picked = new TreeSet<>();
        if (random.nextBoolean()) {
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                picked.add(pick(random, values));
            }
        }
        return picked;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static CommittedEvent event(long seq, String dyad, String type, String... concerns) {
        return new CommittedEvent(new CommittedPosition(seq, dyad, List.of(concerns)), type, "{}", null);
    }
}
