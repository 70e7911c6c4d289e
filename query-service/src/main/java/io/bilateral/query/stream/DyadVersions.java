package io.bilateral.query.stream;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each dyad's read models are known to be, as this instance's stream tail sees the
 * committed events go by: the stream number of the dyad's last event. A read of a dyad that
 * starts at version v sees at least the dyad's events up to v (they were committed before the
 * tail read them). So an answer rendered then can be served again for as long as the dyad is
 * still at v, and no later: the next event of the dyad changes its version.
 *
 * <p>A rebuild rewrites read models without new events, and a notification may be lost while
 * the listening connection reconnects: both start a new epoch, which no earlier version equals.
 */
@ApplicationScoped
public class DyadVersions {

    /** A dyad's version: unknown ({@link #UNKNOWN}) until the tail has read the stream's head. */
    public record Version(long epoch, long seq) {

        /** Later than {@code other}: of a later epoch, or further along in the same one. */
        public boolean after(Version other) {
            return epoch != other.epoch ? epoch > other.epoch : seq > other.seq;
        }
    }

    public static final Version UNKNOWN = new Version(-1, -1);

    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private volatile long epoch;
    private volatile boolean started;

    /** The dyad's version now, or {@link #UNKNOWN} before the tail started. */
    public Version of(String dyad) {
        if (!started) {
            return UNKNOWN;
        }
        return new Version(epoch, lastSeq.getOrDefault(dyad, 0L));
    }

    /** The tail knows the head: from here on, every commit moves the versions it touches. */
    void started() {
        started = true;
    }

    /** The tail read these committed events' positions (in stream order). */
    void saw(List<CommittedPosition> events) {
        for (CommittedPosition e : events) {
            lastSeq.merge(e.dyad(), e.seq(), Math::max);
            // A fact recorded under another dyad shows in these dyads' timelines too.
            e.concerns().forEach(other -> lastSeq.merge(other, e.seq(), Math::max));
        }
    }

    /** Read models changed without new events (a rebuild), or commits may have gone unheard: nothing earlier holds. */
    void newEpoch() {
        epoch++;
    }
}
