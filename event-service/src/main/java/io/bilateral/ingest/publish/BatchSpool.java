package io.bilateral.ingest.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
 * The validated events of a batch, on disk between validation and publication, as the Kafka
 * records they become: a batch is published only once every event of it is known valid, is
 * never held whole in memory, and each event is encoded once.
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

    /** Spools a record: its key, value and headers (the topic is the publisher's). */
    public void add(ProducerRecord<String, byte[]> record) {
        try {
            out.writeUTF(record.key());
            writeBytes(record.value());
            Header[] headers = record.headers().toArray();
            out.writeShort(headers.length);
            for (Header h : headers) {
                out.writeUTF(h.key());
                writeBytes(h.value());
            }
            size++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the batch", e);
        }
    }

    public int size() {
        return size;
    }

    /** Reads the records back, in order, addressed to {@code topic}. */
    public void forEach(String topic, Consumer<ProducerRecord<String, byte[]>> action) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (int i = 0; i < size; i++) {
                    String key = in.readUTF();
                    byte[] value = readBytes(in);
                    RecordHeaders headers = new RecordHeaders();
                    for (int h = in.readShort(); h > 0; h--) {
                        headers.add(in.readUTF(), readBytes(in));
                    }
                    action.accept(new ProducerRecord<>(topic, null, key, value, headers));
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("spool file truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeBytes(byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
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
