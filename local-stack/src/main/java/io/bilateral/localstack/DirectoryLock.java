package io.bilateral.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stack's hold on its data directory, taken before anything starts there. Without it a second
 * stack on a directory in use (a second {@code ./bilateral run}, with the same ports) found the
 * first one's PostgreSQL answering on its port and took it for its own, then started a Kafka
 * controller on the first one's metadata log before the broker's own lock stopped it: the first
 * broker then waited minutes in its controlled shutdown. The operating system lets the lock go
 * when the process ends, however it ends.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dir}, or fails at once, naming the directory, when a stack holds it. */
    static DirectoryLock take(Path dir) {
        Path file = dir.resolve("stack.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("another local stack is using " + dir + " (it holds " + file
                        + "); stop it first, or give this one another directory (BILATERAL_DATA)");
            }
            return new DirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Lets the directory go; a second call does nothing. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held on it any more
            }
        }
    }
}
