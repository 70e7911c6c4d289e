package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The validated events of a batch, on disk between validation and publication: a batch is
 * published only once every event of it is known valid, and is never held whole in memory.
 */
public final class BatchSpool implements AutoCloseable {

    private final Path file;
    private final DataOutputStream out;
    private int size;

    public BatchSpool() {
        try {
            file = Files.createTempFile("bilateral-batch-", ".spool");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file for the batch", e);
        }
    }

    public void add(EventEnvelope event) {
        byte[] json = EventJson.toBytes(event);
        try {
            out.writeInt(json.length);
            out.write(json);
            size++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the batch", e);
        }
    }

    public int size() {
        return size;
    }

    /** Reads the events back, in order. */
    public void forEach(Consumer<EventEnvelope> action) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (int i = 0; i < size; i++) {
                    byte[] json = new byte[in.readInt()];
                    in.readFully(json);
                    action.accept(EventJson.fromBytes(json));
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("spool file truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
