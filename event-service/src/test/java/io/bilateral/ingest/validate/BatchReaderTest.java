package io.bilateral.ingest.validate;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.event.OfficialVisit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON lines are split on newline bytes, however the body arrives in pieces. */
class BatchReaderTest {

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
        int n = BatchReader.CHUNK * (BatchReader.IN_FLIGHT + 3) + 17;
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
            BatchReader parallel = new BatchReader(reader, 10_000, 16_384, four);
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
            BatchReader many = new BatchReader(reader, 10_000, 16_384, four);
            List<EventEnvelope> handedOnMany = new ArrayList<>();
            many.readLines(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)), e -> e, handedOnMany::add);
            List<String> singleProblems = problems(single);
            assertThat(problems(many)).isEqualTo(singleProblems);
            assertThat(singleProblems.get(0)).startsWith("/700");
            assertThat(singleProblems).anyMatch(p -> p.startsWith("/1500/eventId repeats the eventId of event 3"))
                    .anyMatch(p -> p.startsWith("/1800 line 1801 is not one well-formed JSON value"));
            assertThat(handedOnMany).hasSize(700).hasSameSizeAs(handedOnSingle);
            assertThat(many.count()).isEqualTo(n);

            BatchReader arrayReader = new BatchReader(reader, 10_000, 16_384, four);
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
}
