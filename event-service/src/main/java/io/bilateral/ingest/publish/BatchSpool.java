package io.bilateral.ingest.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
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
 * The validated events of a batch, kept between validation and publication as the Kafka
 * records they become: a batch is published only once every event of it is known valid, and
 * each event is encoded once. A batch stays in memory up to a bound and goes to a file past
 * it, so a large batch is never held whole in the heap while a common one never touches disk.
 */
public final class BatchSpool implements AutoCloseable {

    /** What a batch may take of the heap before it spills to disk (about 1,500 events; a 10,000-event batch is about 7 MB). */
    static final int IN_MEMORY_BYTES = 1 << 20;

    private final Spill sink;
    private final DataOutputStream out;
    private int size;

    public BatchSpool() {
        this(IN_MEMORY_BYTES);
    }

    BatchSpool(int inMemoryBytes) {
        sink = new Spill(inMemoryBytes);
        out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
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

    /** Whether the batch went to disk. */
    boolean spilled() {
        return sink.file != null;
    }

    /** Reads the records back, in order, addressed to {@code topic}. */
    public void forEach(String topic, Consumer<ProducerRecord<String, byte[]>> action) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(sink.read())) {
                for (int i = 0; i < size; i++) {
                    String key = in.readUTF();
                    byte[] value = readBytes(in);
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
                    for (int h = in.readShort(); h > 0; h--) {
                        record.headers().add(in.readUTF(), readBytes(in));
                    }
                    action.accept(record);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sink.delete();
        }
    }

    /** Bytes in memory up to a bound; past it, all of them in a temporary file. */
    private static final class Spill extends OutputStream {
        private final int inMemoryBytes;
        private final ByteArrayOutputStream memory = new ByteArrayOutputStream(1 << 16);
        private Path file;
        private OutputStream disk;

        Spill(int inMemoryBytes) {
            this.inMemoryBytes = inMemoryBytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (disk == null && memory.size() + len > inMemoryBytes) {
                try {
                    file = Files.createTempFile("bilateral-batch-", ".spool");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a spool file for the batch", e);
                }
                disk = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                memory.writeTo(disk);
                memory.reset();
            }
            if (disk != null) {
                disk.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (disk != null) {
                disk.flush();
            }
        }

        InputStream read() throws IOException {
            return disk == null
                    ? new ByteArrayInputStream(memory.toByteArray())
                    : new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        }

        @Override
        public void close() throws IOException {
            if (disk != null) {
                disk.close();
            }
        }

        void delete() {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
