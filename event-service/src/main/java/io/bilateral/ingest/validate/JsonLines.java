package io.bilateral.ingest.validate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * The lines of a UTF-8 stream as bytes, parsed without decoding them first: in UTF-8 a
 * newline byte is never part of another character. A line may be no longer than an event
 * may be, so one endless line cannot fill the heap.
 */
final class JsonLines {

    private final InputStream in;
    private final long maxLineBytes;
    /** The index of the event a line would be, for the message of one too long. */
    private final IntSupplier eventIndex;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int end;
    byte[] bytes = new byte[1 << 12];
    int length;

    JsonLines(InputStream in, long maxLineBytes, IntSupplier eventIndex) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.eventIndex = eventIndex;
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
        if (length + n > maxLineBytes) {
            throw new PayloadTooLargeException("event " + eventIndex.getAsInt() + " (a line) is longer than the limit of " + maxLineBytes + " bytes");
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
