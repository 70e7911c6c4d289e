package io.bilateral.ingest.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.problem.Violation;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads a batch of events as a stream — a JSON array or JSON lines — validating each as it
 * comes and handing the valid ones on, so that a batch is never held whole in memory. Every
 * problem is collected, each pointer starting with the event's index ({@code /3/occurred}:
 * the fourth element, or the fourth line); at the end {@link #finish()} throws them all.
 */
public final class BatchReader {

    /** Enough to fix a file; a batch with more errors than this says how many were left out. */
    static final int MAX_REPORTED = 1000;
    private static final ObjectMapper JSON = EventJson.mapper();
    /** One event per line: anything after the first JSON value on a line is an error, not a second event. */
    private static final ObjectMapper LINE = EventJson.mapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private final SubmissionReader reader;
    private final int maxEvents;
    private final long maxEventBytes;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<UUID, Integer> seenIds = new HashMap<>();
    private int count;
    private int unreported;

    public BatchReader(SubmissionReader reader, int maxEvents, long maxEventBytes) {
        this.reader = reader;
        this.maxEvents = maxEvents;
        this.maxEventBytes = maxEventBytes;
    }

    /** A JSON array of events. */
    public void readArray(InputStream body, Consumer<EventEnvelope> valid) throws IOException {
        // No text inside an element may be longer than a whole event may be (the array streams;
        // an element is read whole, and one endless string must not fill the heap).
        JsonFactory bounded = JSON.getFactory().copy().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(maxEventBytes, Integer.MAX_VALUE)).build());
        try (JsonParser parser = bounded.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidSubmissionException(List.of(new Violation("", "must be a JSON array of events (or send application/x-ndjson)")));
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new InvalidSubmissionException(List.of(new Violation("", "the JSON array is not closed")));
                }
                accept(JSON.readTree(parser), valid);
            }
            if (parser.nextToken() != null) {
                throw new InvalidSubmissionException(List.of(new Violation("", "there is content after the JSON array")));
            }
        } catch (StreamConstraintsException e) {
            throw new PayloadTooLargeException("event " + count + " has a text longer than the limit of " + maxEventBytes + " bytes");
        } catch (JsonProcessingException e) {
            throw new InvalidSubmissionException(List.of(new Violation("/" + count, "is not well-formed JSON: " + e.getOriginalMessage())));
        }
    }

    /**
     * JSON lines: one event per line. Blank lines are skipped; an event's index counts events,
     * and the message names its line. No line may be longer than an event may be.
     */
    public void readLines(InputStream body, Consumer<EventEnvelope> valid) throws IOException {
        Lines lines = new Lines(body);
        int lineNumber = 0;
        while (lines.next()) {
            lineNumber++;
            if (lines.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                if (lines.hasNul()) {
                    // Jackson guesses UTF-16 or UTF-32 from zero bytes; a JSON line is UTF-8 and never holds a raw NUL.
                    throw new CharConversionException("a NUL byte: the line is not UTF-8 JSON");
                }
                node = LINE.readTree(lines.bytes, 0, lines.length);
            } catch (JsonProcessingException e) {
                add(new Violation("/" + count, "line " + lineNumber + " is not one well-formed JSON value: " + e.getOriginalMessage()));
                count++;
                continue;
            } catch (CharConversionException e) {
                add(new Violation("/" + count, "line " + lineNumber + " is not one well-formed JSON value: " + e.getMessage()));
                count++;
                continue;
            }
            accept(node, valid);
        }
    }

    /**
     * The lines of a UTF-8 stream as bytes, parsed without decoding them first: in UTF-8 a
     * newline byte is never part of another character. A line may be no longer than an event
     * may be, so one endless line cannot fill the heap.
     */
    private final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int end;
        byte[] bytes = new byte[1 << 12];
        int length;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Reads the next line (without its newline); false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            while (true) {
                if (position == end) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        return length > 0;
                    }
                    position = 0;
                    end = read;
                }
                int newline = position;
                while (newline < end && buffer[newline] != '\n') {
                    newline++;
                }
                append(position, newline - position);
                position = newline < end ? newline + 1 : newline;
                if (newline < end) {
                    return true;
                }
            }
        }

        private void append(int from, int n) {
            if (length + n > maxEventBytes) {
                throw new PayloadTooLargeException("event " + count + " (a line) is longer than the limit of " + maxEventBytes + " bytes");
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            }
            System.arraycopy(buffer, from, bytes, length, n);
            length += n;
        }

        boolean hasNul() {
            for (int i = 0; i < length; i++) {
                if (bytes[i] == 0) {
                    return true;
                }
            }
            return false;
        }

        /** Only JSON's own whitespace (RFC 8259) makes a line blank. */
        boolean isBlank() {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private void accept(JsonNode node, Consumer<EventEnvelope> valid) {
        int index = count++;
        if (count > maxEvents) {
            throw new PayloadTooLargeException("the batch has more than the limit of " + maxEvents + " events");
        }
        try {
            EventEnvelope event = reader.read(node, "/" + index);
            Integer first = seenIds.putIfAbsent(event.metadata().eventId(), index);
            if (first != null) {
                add(new Violation("/" + index + "/eventId", "repeats the eventId of event " + first + " in this batch"));
            } else if (violations.isEmpty()) {
                valid.accept(event);
            }
        } catch (InvalidSubmissionException e) {
            e.violations().forEach(this::add);
        } catch (PayloadTooLargeException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else goes wrong with one event is that event's problem, not a 500 for the batch.
            add(new Violation("/" + index, "cannot be read: " + e.getMessage()));
        }
    }

    private void add(Violation v) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(v);
        } else {
            unreported++;
        }
    }

    /** How many events were read. */
    public int count() {
        return count;
    }

    /** Throws every problem found; returns when the whole batch is valid. */
    public void finish() {
        if (count == 0) {
            throw new InvalidSubmissionException(List.of(new Violation("", "the batch has no events")));
        }
        if (!violations.isEmpty()) {
            List<Violation> all = new ArrayList<>(violations);
            if (unreported > 0) {
                all.add(new Violation("", unreported + " more problems not listed"));
            }
            throw new InvalidSubmissionException(all);
        }
    }
}
