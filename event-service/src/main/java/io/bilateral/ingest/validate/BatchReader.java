package io.bilateral.ingest.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.problem.Violation;
import io.bilateral.ingest.limit.InFlight;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a batch of events as a stream — a JSON array or JSON lines — validating each as it
 * comes and handing the valid ones on, so that a batch is never held whole in memory. Every
 * problem is collected, each pointer starting with the event's index ({@code /3/occurred}:
 * the fourth element, or the fourth line); at the end {@link #finish()} throws them all.
 *
 * <p>Reading the bytes stays on the caller's thread; validating and encoding each event (most
 * of a batch's cost) runs on an executor in chunks, a few chunks at a time, and the results are
 * taken back in order: what is handed on, what counts as a repeated event id and the order of
 * the problems are those of the input, as if it had all run on one thread.
 *
 * <p>What a batch holds while it is read is bounded twice: a few chunks at a time, each of at
 * most {@link #CHUNK} events and about {@link #CHUNK_BYTES} of JSON, and the memory every write
 * in progress shares ({@link InFlight}), taken for each event as it is read and given back
 * once its chunk is handed on. A batch that finds that memory taken first hands on what it
 * holds and only then waits, so that batches never wait for each other in a circle.
 */
public final class BatchReader {

    /**
     * Events per task: large enough that handing a chunk over costs little against validating it
     * (about half a millisecond of work), small enough that the chunks in flight, whose parsed
     * trees outlive the young collections that come every 30 ms or so under a bulk load,
     * fit the survivor space. At 256 they did not: event-service's young collections took twice
     * as long and spilled the trees into the old generation (BENCHMARKS.md, 2026-12-07).
     */
    static final int CHUNK = 64;
    /** A chunk ends early at this much JSON: 64 large events would be tens of megabytes. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** Chunks in flight at once: bounds the memory a batch holds while being read. */
    static final int IN_FLIGHT = 4;

    /** Enough to fix a file; a batch with more errors than this says how many were left out. */
    static final int MAX_REPORTED = 1000;
    private static final ObjectMapper JSON = EventJson.mapper();
    /** One event per line: anything after the first JSON value on a line is an error, not a second event. */
    private static final ObjectMapper LINE = EventJson.mapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private final SubmissionReader reader;
    private final int maxEvents;
    private final long maxEventBytes;
    private final Executor executor;
    private final InFlight memory;
    private final List<Violation> violations = new ArrayList<>();
    /** The eventIds the client gave (generated ones are random and cannot repeat); dropped at {@link #finish()}. */
    private EventIds givenIds = new EventIds();
    private int count;
    private int unreported;

    /** Validates on the caller's thread, its memory bounded only by its chunks. */
    public BatchReader(SubmissionReader reader, int maxEvents, long maxEventBytes) {
        this(reader, maxEvents, maxEventBytes, Runnable::run, new InFlight(Long.MAX_VALUE, 1, Duration.ZERO));
    }

    /** Validates and prepares events on {@code executor}, a chunk at a time, holding what {@code memory} gives it. */
    public BatchReader(SubmissionReader reader, int maxEvents, long maxEventBytes, Executor executor, InFlight memory) {
        this.reader = reader;
        this.maxEvents = maxEvents;
        this.maxEventBytes = maxEventBytes;
        this.executor = executor;
        this.memory = memory;
    }

    /** A JSON array of events, each handed to {@code valid} while the batch has no problem. */
    public void readArray(InputStream body, Consumer<EventEnvelope> valid) throws IOException {
        readArray(body, event -> event, valid);
    }

    /**
     * A JSON array of events: each valid one is turned into {@code T} by {@code prepare} (on the
     * executor) and handed to {@code valid} (on this thread, in order) while the batch has no problem.
     */
    public <T> void readArray(InputStream body, Function<EventEnvelope, T> prepare, Consumer<T> valid) throws IOException {
        InOrder<T> pipeline = new InOrder<>(prepare, valid);
        // No text inside an element may be longer than a whole event may be (the array streams;
        // an element is read whole, and one endless string must not fill the heap).
        // (One level more than an event may have: the array.)
        JsonLimits limits = reader.limits();
        boolean eventBound = maxEventBytes <= limits.maxStringChars();
        JsonFactory bounded = limits.applyTo(JSON.getFactory(), 1,
                (int) Math.min(Math.min(maxEventBytes, limits.maxStringChars()), Integer.MAX_VALUE));
        JsonParser parser = null;
        try {
            parser = bounded.createParser(body);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidSubmissionException(List.of(new Violation("", "must be a JSON array of events (or send application/x-ndjson)")));
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new InvalidSubmissionException(List.of(new Violation("", "the JSON array is not closed")));
                }
                long from = parser.currentTokenLocation().getByteOffset();
                JsonNode element = JSON.readTree(parser);
                // An element is parsed before its size is known: it is counted right after.
                pipeline.charge(parser.currentLocation().getByteOffset() - from);
                pipeline.read(element);
            }
            if (parser.nextToken() != null) {
                throw new InvalidSubmissionException(List.of(new Violation("", "there is content after the JSON array")));
            }
            pipeline.finish();
        } catch (StreamConstraintsException e) {
            if (eventBound && JsonLimits.isStringLength(e)) {
                throw new PayloadTooLargeException("event " + count + " has a text longer than the limit of " + maxEventBytes + " bytes");
            }
            // The parser's path starts at the array: /3/sources/0/title.
            throw new InvalidSubmissionException(List.of(limits.violation(e, "", parser)));
        } catch (JsonProcessingException e) {
            throw new InvalidSubmissionException(List.of(new Violation("/" + count, "is not well-formed JSON: " + e.getOriginalMessage())));
        } finally {
            pipeline.abandon();
            if (parser != null) {
                parser.close();
            }
        }
    }

    /**
     * JSON lines: one event per line. Blank lines are skipped; an event's index counts events,
     * and the message names its line. No line may be longer than an event may be.
     */
    public void readLines(InputStream body, Consumer<EventEnvelope> valid) throws IOException {
        readLines(body, event -> event, valid);
    }

    /** JSON lines, each valid event prepared and handed on as in {@link #readArray(InputStream, Function, Consumer)}. */
    public <T> void readLines(InputStream body, Function<EventEnvelope, T> prepare, Consumer<T> valid) throws IOException {
        InOrder<T> pipeline = new InOrder<>(prepare, valid);
        try {
            readLines(body, pipeline);
        } finally {
            pipeline.abandon();
        }
    }

    private void readLines(InputStream body, InOrder<?> pipeline) throws IOException {
        JsonFactory lineFactory = reader.limits().applyTo(LINE.getFactory());
        ObjectReader line = LINE.reader().with(lineFactory);
        JsonLines lines = new JsonLines(body, maxEventBytes, () -> count);
        int lineNumber = 0;
        while (lines.next()) {
            lineNumber++;
            if (lines.isBlank()) {
                continue;
            }
            JsonNode node;
            pipeline.charge(lines.length);
            try {
                if (lines.hasNul()) {
                    // Jackson guesses UTF-16 or UTF-32 from zero bytes; a JSON line is UTF-8 and never holds a raw NUL.
                    throw new CharConversionException("a NUL byte: the line is not UTF-8 JSON");
                }
                node = line.readTree(lines.bytes, 0, lines.length);
            } catch (StreamConstraintsException e) {
                pipeline.refuse(reader.limits().violation(e, "/" + count, lineFactory, lines.bytes, 0, lines.length));
                continue;
            } catch (JsonProcessingException e) {
                pipeline.refuse(new Violation("/" + count, "line " + lineNumber + " is not one well-formed JSON value: " + e.getOriginalMessage()));
                continue;
            } catch (CharConversionException e) {
                pipeline.refuse(new Violation("/" + count, "line " + lineNumber + " is not one well-formed JSON value: " + e.getMessage()));
                continue;
            }
            pipeline.read(node);
        }
        pipeline.finish();
    }

    /** A chunk on the executor, and the memory taken for it. */
    private record Pending<T>(CompletableFuture<List<Outcome<T>>> done, int kib) {
    }

    /** One event's outcome: prepared, or refused with its problems, or a failure that stops the batch. The eventId only when the client gave it. */
    private record Outcome<T>(int index, UUID eventId, T prepared, List<Violation> problems, RuntimeException stop) {
    }

    /**
     * Events in, outcomes out in the same order: each chunk of {@link #CHUNK} is validated and
     * prepared on the executor while this thread reads on; at most {@link #IN_FLIGHT} chunks wait.
     */
    private final class InOrder<T> {
        private final Function<EventEnvelope, T> prepare;
        private final Consumer<T> valid;
        private final ArrayDeque<Pending<T>> inFlight = new ArrayDeque<>();
        /** Per event of the chunk being gathered: its JSON, or (null) a problem found while reading it. */
        private List<Object> chunk = new ArrayList<>(CHUNK);
        private int chunkStart;
        private long chunkBytes;
        /** Memory taken for the chunk being gathered, in KiB. */
        private int chunkKib;

        InOrder(Function<EventEnvelope, T> prepare, Consumer<T> valid) {
            this.prepare = prepare;
            this.valid = valid;
        }

        /**
         * Takes memory for an event of {@code jsonBytes} before it is gathered. When none is free,
         * this batch first hands on all it holds (so that its own memory comes back), then waits.
         */
        void charge(long jsonBytes) {
            int kib = memory.kib(InFlight.estimate(Math.max(0, jsonBytes)));
            if (!memory.tryTake(kib)) {
                drain();
                memory.take(kib);
            }
            chunkKib += kib;
            chunkBytes += Math.max(0, jsonBytes);
        }

        void read(JsonNode node) {
            next(node);
        }

        /** An event that could not even be read: its problem takes its place in the order. */
        void refuse(Violation problem) {
            next(problem);
        }

        private void next(Object item) {
            if (chunk.isEmpty()) {
                chunkStart = count;
            }
            count++;
            if (count > maxEvents) {
                throw new PayloadTooLargeException("the batch has more than the limit of " + maxEvents + " events");
            }
            chunk.add(item);
            if (chunk.size() == CHUNK || chunkBytes >= CHUNK_BYTES) {
                submit();
            }
        }

        private void submit() {
            List<Object> items = chunk;
            int start = chunkStart;
            inFlight.add(new Pending<>(CompletableFuture.supplyAsync(() -> validate(items, start), executor), chunkKib));
            chunk = new ArrayList<>(CHUNK);
            chunkBytes = 0;
            chunkKib = 0;
            while (inFlight.size() > IN_FLIGHT) {
                take(inFlight.poll());
            }
        }

        /** Hands on everything gathered and in flight, giving back all the memory this batch holds. */
        private void drain() {
            if (!chunk.isEmpty()) {
                submit();
            }
            while (!inFlight.isEmpty()) {
                take(inFlight.poll());
            }
        }

        void finish() {
            drain();
        }

        /** After a failure: the chunks still running finish on their own; nothing waits for them. */
        void abandon() {
            inFlight.forEach(p -> {
                p.done().cancel(false);
                memory.give(p.kib());
            });
            inFlight.clear();
            memory.give(chunkKib);
            chunkKib = 0;
        }

        private List<Outcome<T>> validate(List<Object> items, int start) {
            List<Outcome<T>> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                int index = start + i;
                Object item = items.get(i);
                if (item instanceof Violation problem) {
                    out.add(new Outcome<>(index, null, null, List.of(problem), null));
                    continue;
                }
                try {
                    // Only an id the client gave can repeat: a generated one is random. (Asked
                    // before reading: the reader takes the fields it knows out of the tree.)
                    JsonNode json = (JsonNode) item;
                    boolean idGiven = json.hasNonNull("eventId");
                    EventEnvelope event = reader.read(json, "/" + index);
                    UUID given = idGiven ? event.metadata().eventId() : null;
                    out.add(new Outcome<>(index, given, prepare.apply(event), null, null));
                } catch (InvalidSubmissionException e) {
                    out.add(new Outcome<>(index, null, null, e.violations(), null));
                } catch (PayloadTooLargeException e) {
                    out.add(new Outcome<>(index, null, null, null, e));
                } catch (RuntimeException e) {
                    // Whatever else goes wrong with one event is that event's problem, not a 500 for the batch.
                    out.add(new Outcome<>(index, null, null, List.of(new Violation("/" + index, "cannot be read: " + e.getMessage())), null));
                }
            }
            return out;
        }

        private void take(Pending<T> pending) {
            List<Outcome<T>> outcomes;
            try {
                outcomes = pending.done().join();
            } finally {
                // The chunk's trees are garbage from here, whatever became of them.
                memory.give(pending.kib());
            }
            for (Outcome<T> o : outcomes) {
                if (o.stop() != null) {
                    throw o.stop();
                }
                if (o.problems() != null) {
                    o.problems().forEach(BatchReader.this::add);
                    continue;
                }
                int first = o.eventId() == null ? -1 : givenIds.putIfAbsent(o.eventId(), o.index());
                if (first >= 0) {
                    BatchReader.this.add(new Violation("/" + o.index() + "/eventId", "repeats the eventId of event " + first + " in this batch"));
                } else if (violations.isEmpty()) {
                    valid.accept(o.prepared());
                }
            }
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
        givenIds = null;
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
