package io.bilateral.ingest.validate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads at most {@code limit} bytes; one more and it throws {@link PayloadTooLargeException}.
 * Given a time too, reading past it throws {@link RequestTooSlowException}: a client sending a
 * large body a trickle at a time cannot hold a thread for ever (each wait for the next bytes is
 * bounded by the server's read timeout; this bounds them all together).
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private final long deadline;
    private final java.time.Duration within;
    private long read;

    public LimitedInputStream(InputStream in, long limit, String what) {
        this(in, limit, what, null);
    }

    public LimitedInputStream(InputStream in, long limit, String what, java.time.Duration within) {
        super(in);
        this.limit = limit;
        this.what = what;
        this.within = within;
        this.deadline = within == null ? Long.MAX_VALUE : System.nanoTime() + within.toNanos();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        if (System.nanoTime() > deadline) {
            throw new RequestTooSlowException(what + " took longer than " + within.toSeconds() + " s to arrive");
        }
        read += n;
        if (read > limit) {
            throw new PayloadTooLargeException(what + " is larger than the limit of " + limit + " bytes");
        }
    }
}
