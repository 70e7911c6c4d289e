package io.bilateral.ingest.publish;

import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Lets Kafka's LZ4 codec compress with lz4-java's native (JNI) implementation. The codec asks
 * lz4-java for its fastest implementation, and lz4-java offers the native one only when its
 * library is loaded already or its classes came from the system class loader. Under Quarkus's
 * class loader neither holds, so every batch was compressed by the pure-Java implementation:
 * a quarter of a batch request's thread in a profile of bulk ingestion, and about six times
 * slower than the native one on this machine (BENCHMARKS.md, "Levers tried: 2026-12-06,
 * 22:16–23:22"). Loading the library once, before the first producer exists, makes Kafka take the
 * native one. Where it cannot load (no writable temporary directory, a platform without the
 * bundled library, another class loader holding it in dev mode), the Java one stays: slower,
 * never wrong. Only event-service compresses; query-service only decompresses, and leaves it.
 */
final class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    private NativeLz4() {
    }

    /** Loads the native library once per class loader; true when Kafka's codec will use it. */
    static boolean load() {
        return Holder.LOADED;
    }

    private static final class Holder {
        static final boolean LOADED = tryLoad();

        private static boolean tryLoad() {
            try {
                LZ4Factory.nativeInstance();
                LOG.debugf("LZ4 compression: %s", LZ4Factory.fastestInstance());
                return true;
            } catch (Throwable e) {  // UnsatisfiedLinkError and the like: the Java implementation stays
                LOG.infof("LZ4 compression: lz4-java's native library did not load (%s); the Java implementation is used", e);
                return false;
            }
        }
    }
}
