package io.bilateral.query.stream;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** GET /events/stream against the real projection: resume, filters, the seam between history and live, bad input. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class EventStreamTest implements ReadyFirst {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/events/stream")
    URI stream;

    @Test
    void resumingWithLastEventId_deliversExactlyTheEventsAfterIt_whileNewEventsArePosted() throws Exception {
        List<EventEnvelope> first = years("FJI-NZL", 1900, 20);
        LogWriter.awaitProjected(LogWriter.publishAll(first));
        List<SseClient.Event> read;
        try (SseClient client = open("?dyad=FJI-NZL&from=beginning", Map.of())) {
            read = client.take(7, WAIT);
        }
        List<EventEnvelope> second = years("FJI-NZL", 2000, 20);
        // Posted while the subscriber is away and while it reconnects.
        CompletableFuture<List<LogPosition>> posting = CompletableFuture.supplyAsync(() -> LogWriter.publishAll(second));
        try (SseClient client = open("?dyad=FJI-NZL&from=beginning", Map.of("Last-Event-ID", read.get(6).id()))) {
            List<SseClient.Event> rest = client.take(33, WAIT);
            posting.join();
            List<String> all = new ArrayList<>(eventIds(read));
            all.addAll(eventIds(rest));
            List<String> expected = new ArrayList<>(first.stream().map(e -> e.metadata().eventId().toString()).toList());
            expected.addAll(second.stream().map(e -> e.metadata().eventId().toString()).toList());
            assertThat(all).containsExactlyElementsOf(expected);
            assertThat(positions(rest)).isSorted().allMatch(p -> p > Long.parseLong(read.get(6).id()));
            // Nothing after the last event: one posted now is the next the subscriber gets.
            EventEnvelope sentinel = Events.relationsEstablished("FJI-NZL", "2100");
            LogWriter.publish(sentinel);
            assertThat(id(client.next(WAIT))).as("the event after the last one posted").isEqualTo(id(sentinel));
        }
    }

    /**
     * With no live subscriber, the tail reads positions without events. Each subscriber here is
     * alone, so it goes live into that mode while events keep coming: from its first event on,
     * it must get every later one of its dyad, in order, each with its data.
     */
    @Test
    void subscribersGoingLiveWhileNobodyListens_getEveryLaterEventWithItsData() throws Exception {
        List<EventEnvelope> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
            for (int year = 1000; year < 9000 && !done.get(); year++) {
                EventEnvelope e = Events.relationsEstablished("TON-WSM", Integer.toString(year));
                posted.add(e);
                LogWriter.publish(e);
            }
        });
        try {
            for (int subscriber = 0; subscriber < 8; subscriber++) {
                List<SseClient.Event> got;
                try (SseClient client = open("?dyad=TON-WSM", Map.of())) {
                    got = client.take(15, WAIT);
                }
                List<String> ids = posted.stream().map(EventStreamTest::id).toList();
                int first = ids.indexOf(id(got.get(0)));
                assertThat(first).as("subscriber %d's first event was posted", subscriber).isNotNegative();
                assertThat(eventIds(got)).as("subscriber %d's events", subscriber).containsExactlyElementsOf(ids.subList(first, first + 15));
                assertThat(got).allSatisfy(e -> assertThat(new JsonObject(e.data()).getJsonObject("data").getString("factId")).isNotBlank());
            }
        } finally {
            done.set(true);
            posting.join();
        }
    }

    @Test
    void aSubscriberFromNow_getsWhatIsCommittedAfterIt_asCloudEvents() throws Exception {
        try (SseClient client = open("?dyad=NZL-TON", Map.of())) {
            EventEnvelope e = Events.relationsEstablished("NZL-TON", "1970");
            LogWriter.publish(e);
            SseClient.Event got = client.next(WAIT);
            assertThat(client.retry()).isEqualTo("3000");
            JsonObject ce = new JsonObject(got.data());
            assertThat(ce.getString("specversion")).isEqualTo("1.0");
            assertThat(ce.getString("id")).isEqualTo(e.metadata().eventId().toString());
            assertThat(ce.getString("type")).isEqualTo("io.bilateral.DiplomaticRelationsEstablished.v1");
            assertThat(ce.getString("subject")).isEqualTo("NZL-TON");
            assertThat(ce.getString("source")).isEqualTo("/tests");
            assertThat(ce.getJsonObject("data").getString("factId")).isEqualTo(e.metadata().factId());
            assertThat(ce.getInteger("logpartition")).isNotNull();
            assertThat(Long.parseLong(got.id())).isPositive();
        }
    }

    @Test
    void subscribersAndDeliveries_areAtQMetrics() throws Exception {
        double delivered = metric("bilateral_stream_deliveries_total");
        try (SseClient client = open("?dyad=NZL-TUV", Map.of())) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> metric("bilateral_stream_subscribers") >= 1);
            LogWriter.publish(Events.relationsEstablished("NZL-TUV", "1979"));
            client.next(WAIT);
            assertThat(metric("bilateral_stream_deliveries_total")).isGreaterThanOrEqualTo(delivered + 1);
        }
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString()).contains("bilateral_stream_overflows_total");
    }

    private static double metric(String name) {
        return java.util.Arrays.stream(given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n"))
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void filters_letOnlyMatchingEventsThrough() throws Exception {
        EventEnvelope visit = Events.of("nzl-wsm-visit", """
                {"type": "OfficialVisit", "dyad": "NZL-WSM", "occurred": "2019-05", "visitingState": "NZL",
                 "hostState": "WSM", "visitor": {"name": "Jacinda Ardern"}, %s}""".formatted(Events.SOURCE));
        List<EventEnvelope> all = List.of(Events.relationsEstablished("NZL-WSM", "1962"), visit,
                Events.relationsEstablished("NZL-VUT", "1980"), Events.relationsEstablished("PNG-SLB", "1978"));
        // After them, one event that the first and third filter let through and one for the second:
        // each read ends at its sentinel, so nothing else can have slipped through before it.
        EventEnvelope visitLater = Events.of("nzl-wsm-visit-later", """
                {"type": "OfficialVisit", "dyad": "NZL-WSM", "occurred": "2024-09", "visitingState": "WSM",
                 "hostState": "NZL", "visitor": {"name": "Fiamē Naomi Mataʻafa"}, %s}""".formatted(Events.SOURCE));
        EventEnvelope slbLater = Events.relationsEstablished("PNG-SLB", "1979");
        List<EventEnvelope> sentinels = List.of(visitLater, slbLater);
        LogWriter.awaitProjected(LogWriter.publishAll(all));
        LogWriter.awaitProjected(LogWriter.publishAll(sentinels));
        assertThat(eventIds(read("?from=beginning&dyad=WSM-NZL", 3))).containsExactly(id(all.get(0)), id(visit), id(visitLater));
        // Three dyads, three partitions: the stream numbers follow the projection's batches, not
        // the order of publication across partitions; the sentinel, published after, comes last.
        List<String> threeDyads = eventIds(read("?from=beginning&actor=NZL&actor=SLB&type=DiplomaticRelationsEstablished&dyad=NZL-WSM&dyad=NZL-VUT&dyad=PNG-SLB", 4));
        assertThat(threeDyads.subList(0, 3)).containsExactlyInAnyOrder(id(all.get(0)), id(all.get(2)), id(all.get(3)));
        assertThat(threeDyads.get(3)).isEqualTo(id(slbLater));
        assertThat(eventIds(read("?from=beginning&type=OfficialVisit&actor=WSM", 2))).containsExactly(id(visit), id(visitLater));
    }

    @Test
    void aDyadsSubscribers_getTheFactsOfOtherDyadsThatConcernIt_andTheirCorrections_inHistoryAndLive() throws Exception {
        EventEnvelope office = Events.of("aus-twn-office", """
                {"type": "MissionOpened", "dyad": "AUS-TWN", "occurred": "1991", "alsoConcerns": ["AUS-CHN"],
                 "mission": {"kind": "REPRESENTATIVE_OFFICE", "sendingState": "TWN", "hostState": "AUS", "city": "Canberra"}, %s}""".formatted(Events.SOURCE));
        List<EventEnvelope> before = List.of(Events.relationsEstablished("AUS-CHN", "1972"), office,
                Events.relationsEstablished("AUS-TWN", "1991"));
        LogWriter.awaitProjected(LogWriter.publishAll(before));
        try (SseClient client = open("?dyad=CHN-AUS&from=beginning", Map.of())) {
            // History: AUS-CHN's own event and the office (their order across partitions is the projection's), not AUS-TWN's other event.
            assertThat(eventIds(client.take(2, WAIT))).containsExactlyInAnyOrder(id(before.get(0)), id(office));
            // Live: a correction of the office reaches AUS-CHN's subscribers too; then the sentinel, AUS-CHN's own.
            EventEnvelope amended = Events.of("aus-twn-office", """
                    {"type": "FactAmended", "dyad": "AUS-TWN", "basedOnRevision": 1, "changes": {"occurred": "1991-11"},
                     "reason": "the office opened in November", %s}""".formatted(Events.SOURCE));
            LogWriter.awaitProjected(LogWriter.publish(amended));
            EventEnvelope sentinel = Events.relationsEstablished("AUS-CHN", "1973");
            LogWriter.publish(sentinel);
            assertThat(eventIds(client.take(2, WAIT))).containsExactly(id(amended), id(sentinel));
        }
    }

    @Test
    void theStreamsPositionNow_readBeforeSubscribing_letsNothingCommittedAfterItSlipThrough() throws Exception {
        LogWriter.publishAndAwait(Events.relationsEstablished("TON-WSM", "1970"));
        long position = given().get("/events/stream/position").then().statusCode(200).extract().jsonPath().getLong("position");
        // Committed after the position was read, before the subscription opens: a page's read would have missed it.
        EventEnvelope meanwhile = Events.relationsEstablished("TON-WSM", "1971");
        LogWriter.publishAndAwait(meanwhile);
        try (SseClient client = open("?dyad=TON-WSM&from=" + position, Map.of())) {
            assertThat(id(client.next(WAIT))).isEqualTo(id(meanwhile));
        }
    }

    @Test
    void aPositionPastTheEnd_waitsForIt() throws Exception {
        long head;
        try (SseClient probe = open("?from=beginning&dyad=NZL-PLW", Map.of())) {
            LogWriter.awaitProjected(LogWriter.publish(Events.relationsEstablished("NZL-PLW", "1994")));
            head = Long.parseLong(probe.next(WAIT).id());
        }
        try (SseClient client = open("?dyad=NZL-PLW&from=" + (head + 2), Map.of())) {
            List<EventEnvelope> three = years("NZL-PLW", 1995, 3);
            LogWriter.publishAll(three);
            // Positions head+1 and head+2 are passed over; the third event is the first after the position asked for.
            SseClient.Event got = client.next(WAIT);
            assertThat(Long.parseLong(got.id())).isGreaterThan(head + 2);
            assertThat(new JsonObject(got.data()).getString("id")).isEqualTo(id(three.get(2)));
        }
    }

    @Test
    void anIdleStream_getsHeartbeatComments() throws Exception {
        try (SseClient client = open("?dyad=NZL-NIU", Map.of())) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> client.comments().contains("keep-alive"));
        }
    }

    @Test
    void badFiltersAndPositions_are400ProblemsNamingTheParameter_beforeTheStreamOpens() {
        given().accept("text/event-stream").get("/events/stream?actor=XXX").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("actor"));
        given().accept("text/event-stream").get("/events/stream?dyad=NZL").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("dyad"));
        given().accept("text/event-stream").get("/events/stream?type=Picnic").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("type"));
        given().accept("text/event-stream").get("/events/stream?from=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("from"));
        given().accept("text/event-stream").header("Last-Event-ID", "12abc").get("/events/stream").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("Last-Event-ID"))
                .body("detail", containsString("not a stream position"));
    }

    private SseClient open(String query, Map<String, String> headers) throws Exception {
        return SseClient.open(URI.create(stream + query), headers);
    }

    /** The first {@code n} events of a stream from the beginning. */
    private List<SseClient.Event> read(String query, int n) throws Exception {
        try (SseClient client = open(query, Map.of())) {
            return client.take(n, WAIT);
        }
    }

    private static List<EventEnvelope> years(String dyad, int from, int n) {
        return IntStream.range(from, from + n).mapToObj(y -> Events.relationsEstablished(dyad, Integer.toString(y))).toList();
    }

    private static List<String> eventIds(List<SseClient.Event> events) {
        return events.stream().map(e -> new JsonObject(e.data()).getString("id")).toList();
    }

    private static List<Long> positions(List<SseClient.Event> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    private static String id(SseClient.Event e) {
        return new JsonObject(e.data()).getString("id");
    }

    private static String id(EventEnvelope e) {
        return e.metadata().eventId().toString();
    }
}
