package io.bilateral.ingest.validate;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.event.OfficialVisit;
import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.ingest.limit.InFlight;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON lines are split on newline bytes, however the body arrives in pieces. */
class BatchReaderTest {

    private static final InFlight UNBOUNDED = new InFlight(Long.MAX_VALUE, 1, Duration.ZERO);

    private final SubmissionReader reader = new SubmissionReader(Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

    private static String visit(String who) {
        return "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-CHN\", \"occurred\": \"1991-04\", "
                + "\"visitor\": {\"name\": \"" + who + "\"}, \"visitingState\": \"CHN\", \"hostState\": \"BEL\", "
                + "\"sources\": [{\"url\": \"https://example.org/a\"}]}";
    }

    /** A stream that hands out at most a few bytes per read, cutting characters and lines anywhere. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            private int turn;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + turn++ % 7));
            }
        };
    }

    @Test
    void jsonLines_withMultibyteNames_crlfAndBlankLines_andNoFinalNewline_readInPieces_giveEveryEventWhole() throws Exception {
        String body = visit("李鹏") + "\r\n\n   \n" + visit("Élio Di Rupo") + "\n" + visit("Xi Jinping");
        List<EventEnvelope> read = new ArrayList<>();
        BatchReader batch = new BatchReader(reader, 10, 16_384);

        batch.readLines(trickling(body.getBytes(StandardCharsets.UTF_8)), read::add);
        batch.finish();

        assertThat(read).extracting(e -> ((OfficialVisit) e.event()).visitor().name())
                .containsExactly("李鹏", "Élio Di Rupo", "Xi Jinping");
        assertThat(batch.count()).isEqualTo(3);
    }

    @Test
    void aLineLongerThanAnEventMayBe_isRefusedBeforeItIsHeldWhole() {
        byte[] endless = ("{\"summary\": \"" + "x".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
        BatchReader batch = new BatchReader(reader, 10, 1_000);

        assertThatThrownBy(() -> batch.readLines(trickling(endless), e -> { }))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("event 0 (a line) is longer than the limit of 1000 bytes");
    }

    @Test
    void aLineWithNulBytes_orNotUtf8_isThatLinesError_neverAnotherEncoding() throws Exception {
        // Zero bytes would make Jackson read UTF-16 or UTF-32: "{}" in UTF-16LE must not pass as an event.
        byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16LE);
        byte[] body = (visit("A") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + utf16.length + 1 + 3];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(utf16, 0, all, body.length, utf16.length);
        all[body.length + utf16.length] = '\n';
        all[body.length + utf16.length + 1] = 0;
        all[body.length + utf16.length + 2] = 0;
        all[body.length + utf16.length + 3] = '{';
        BatchReader batch = new BatchReader(reader, 10, 16_384);

        batch.readLines(new ByteArrayInputStream(all), e -> { });

        assertThatThrownBy(batch::finish).isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> assertThat(((InvalidSubmissionException) e).violations())
                        .extracting(v -> v.pointer() + " " + v.detail())
                        .containsExactly("/1 line 2 is not one well-formed JSON value: a NUL byte: the line is not UTF-8 JSON",
                                "/2 line 3 is not one well-formed JSON value: a NUL byte: the line is not UTF-8 JSON"));
    }

    /** Many chunks, validated on four threads: what comes out must be what one thread gives, in the input's order. */
    @Test
    void aBatchValidatedOnManyThreads_handsOnAndRefusesExactlyAsOneThreadWould() throws Exception {
        // More chunks than are ever in flight, and past the last problem placed below (line 1801).
        int n = Math.max(BatchReader.CHUNK * (BatchReader.IN_FLIGHT + 3), 1800) + 17;
        String repeated = "00000000-0000-4000-8000-000000000001";
        StringBuilder lines = new StringBuilder();
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            String event = switch (i) {
                case 3 -> "{\"eventId\": \"" + repeated + "\", " + visit("first").substring(1);
                case 700 -> "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-XXX\"}";
                case 1500 -> "{\"eventId\": \"" + repeated + "\", " + visit("again").substring(1);
                case 1800 -> "not json";
                default -> visit("n" + i);
            };
            lines.append(event).append('\n');
            if (i != 1800) {
                array.append(i == 0 ? "" : ",").append(event);
            }
        }
        array.append(']');
        java.util.concurrent.ExecutorService four = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            // Valid only: every event handed on, in order, prepared on the pool.
            StringBuilder valid = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                valid.append(i == 0 ? "" : ",").append(visit("n" + i));
            }
            List<String> names = new ArrayList<>();
            BatchReader parallel = new BatchReader(reader, 10_000, 16_384, four, UNBOUNDED);
            parallel.readArray(new ByteArrayInputStream(valid.append(']').toString().getBytes(StandardCharsets.UTF_8)),
                    e -> ((OfficialVisit) e.event()).visitor().name(), names::add);
            parallel.finish();
            assertThat(names).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(names.get(i)).isEqualTo("n" + i);
            }

            // With problems: the same list, in the same order, as on one thread, and nothing handed on after the first.
            BatchReader single = new BatchReader(reader, 10_000, 16_384);
            List<EventEnvelope> handedOnSingle = new ArrayList<>();
            single.readLines(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)), handedOnSingle::add);
            BatchReader many = new BatchReader(reader, 10_000, 16_384, four, UNBOUNDED);
            List<EventEnvelope> handedOnMany = new ArrayList<>();
            many.readLines(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)), e -> e, handedOnMany::add);
            List<String> singleProblems = problems(single);
            assertThat(problems(many)).isEqualTo(singleProblems);
            assertThat(singleProblems.get(0)).startsWith("/700");
            assertThat(singleProblems).anyMatch(p -> p.startsWith("/1500/eventId repeats the eventId of event 3"))
                    .anyMatch(p -> p.startsWith("/1800 line 1801 is not one well-formed JSON value"));
            assertThat(handedOnMany).hasSize(700).hasSameSizeAs(handedOnSingle);
            assertThat(many.count()).isEqualTo(n);

            BatchReader arrayReader = new BatchReader(reader, 10_000, 16_384, four, UNBOUNDED);
            arrayReader.readArray(new ByteArrayInputStream(array.toString().getBytes(StandardCharsets.UTF_8)), e -> e, e -> { });
            assertThat(problems(arrayReader)).first().asString().startsWith("/700");
        } finally {
            four.shutdownNow();
        }
    }

    private static List<String> problems(BatchReader batch) {
        try {
            batch.finish();
        } catch (InvalidSubmissionException e) {
            return e.violations().stream().map(v -> v.pointer() + " " + v.detail()).toList();
        }
        throw new AssertionError("the batch was accepted");
    }

    @Test
    void aBatchEventPastTheJsonLimits_isNamedByItsIndexAndField_inAnArrayAndInLines() throws Exception {
        SubmissionReader small = new SubmissionReader(Clock.systemUTC(), new JsonLimits(4, 10, 100));
        String longText = visit("B").replace("\"occurred\"", "\"summary\": \"" + "x".repeat(101) + "\", \"occurred\"");
        BatchReader lines = new BatchReader(small, 10, 16_384);
        lines.readLines(new ByteArrayInputStream((visit("A") + "\n" + longText + "\n").getBytes(StandardCharsets.UTF_8)), e -> { });
        assertThat(problems(lines)).containsExactly("/1/summary is a text longer than 100 characters");

        BatchReader array = new BatchReader(small, 10, 16_384);
        assertThatThrownBy(() -> array.readArray(new ByteArrayInputStream(("[" + visit("A") + "," + longText + "]")
                .getBytes(StandardCharsets.UTF_8)), e -> { }))
                .isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> assertThat(((InvalidSubmissionException) e).violations()).extracting(v -> v.pointer() + " " + v.detail())
                        .containsExactly("/1/summary is a text longer than 100 characters"));
    }

    /** Events of about 100 KB each (a long summary), as JSON lines. */
    private static byte[] largeEvents(String prefix, int n) {
        StringBuilder lines = new StringBuilder();
        String text = "x".repeat(100_000);
        for (int i = 0; i < n; i++) {
            lines.append(visit(prefix + i).replace("\"occurred\"", "\"summary\": \"" + text + "\", \"occurred\"")).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private final SubmissionReader longTexts = new SubmissionReader(Clock.systemUTC(), new JsonLimits(32, 64, 200_000));

    /**
     * Forty events of 100 KB with 1 MiB to share: no more than three are held at once (each is
     * counted at about 300 KB), where the chunks alone would let fifteen be, and all of it is
     * given back at the end.
     */
    @Test
    void aBatchOfLargeEvents_holdsNoMoreEventsThanItsMemoryAllows_andGivesItAllBack() throws Exception {
        InFlight memory = new InFlight(1 << 20, 1, Duration.ofSeconds(30));
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger handedOn = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            BatchReader batch = new BatchReader(longTexts, 100, 200_000, four, memory);
            batch.readLines(new ByteArrayInputStream(largeEvents("n", 40)), e -> {
                most.accumulateAndGet(prepared.incrementAndGet() - handedOn.get(), Math::max);
                return e;
            }, e -> handedOn.incrementAndGet());
            batch.finish();
        } finally {
            four.shutdownNow();
        }
        assertThat(handedOn).hasValue(40);
        assertThat(most.get()).isBetween(1, 3);
        assertThat(memory.freeKib()).isEqualTo(1024);
    }

    /**
     * Two batches of large events on too little memory for both: each hands on what it holds
     * before it waits, so neither waits for the other for ever and both are read whole.
     */
    @Test
    void twoBatchesSharingTooLittleMemory_bothFinish_neitherWaitingForTheOther() throws Exception {
        InFlight memory = new InFlight(700 * 1024, 2, Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Integer>> batches = new ArrayList<>();
            for (String prefix : List.of("a", "b")) {
                batches.add(CompletableFuture.supplyAsync(() -> {
                    AtomicInteger handedOn = new AtomicInteger();
                    BatchReader batch = new BatchReader(longTexts, 100, 200_000, pool, memory);
                    try {
                        batch.readLines(new ByteArrayInputStream(largeEvents(prefix, 30)), e -> e, e -> handedOn.incrementAndGet());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    batch.finish();
                    return handedOn.get();
                }, readers));
            }
            // Bounded: a circular wait would hang here, and fail after the minute.
            assertThat(batches.get(0).get(60, TimeUnit.SECONDS)).isEqualTo(30);
            assertThat(batches.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(30);
        } finally {
            pool.shutdownNow();
            readers.shutdownNow();
        }
        assertThat(memory.freeKib()).isEqualTo(700);
    }

    /** Memory held by others past the wait: 503 with Retry-After, and what the batch had taken is given back. */
    @Test
    void aBatchThatFindsNoMemoryWithinTheWait_isRefused503_andGivesBackAllItTook() {
        InFlight memory = new InFlight(1 << 20, 1, Duration.ofMillis(200));
        // 124 KiB left: not one event of about 300 KB.
        memory.take(900);
        BatchReader batch = new BatchReader(longTexts, 100, 200_000, Runnable::run, memory);

        assertThatThrownBy(() -> batch.readLines(new ByteArrayInputStream(largeEvents("n", 5)), e -> { }))
                .isInstanceOfSatisfying(LimitExceeded.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfterSeconds()).isPositive();
                    assertThat(e.getMessage()).contains("bilateral.limits.in-flight-memory", "nothing of this request was published");
                });
        assertThat(memory.freeKib()).isEqualTo(1024 - 900);
    }
}
