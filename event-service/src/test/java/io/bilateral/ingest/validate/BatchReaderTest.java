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
}
