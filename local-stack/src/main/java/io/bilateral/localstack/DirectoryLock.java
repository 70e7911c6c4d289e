package io.bilateral.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A stack's hold on its data directory, taken before anything starts there. Without it a second
 * stack on a directory in use (a second {@code ./bilateral run}, with the same ports) found the
 * first one's PostgreSQL answering on its port and took it for its own, then started a Kafka
 * controller on the first one's metadata log before the broker's own lock stopped it: the first
 * broker then waited minutes in its controlled shutdown. The operating system lets the lock go
 * when the process ends, however it ends.
 */
final class DirectoryLock implements AutoCloseable {

    private static final String FILE = "stack.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dir}, or fails at once, naming the directory, when a stack holds it. */
    static DirectoryLock take(Path dir) {
        Path file = dir.resolve(FILE);
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
                throw new DirectoryInUseException("another local stack is using " + dir + " (it holds " + file
                        + "); stop it first, or give this one another directory (BILATERAL_DATA)");
            }
            return new DirectoryLock(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Deletes everything in the directory but the lock's own file; only while the lock is held. */
    void emptyDirectory() {
        if (!lock.isValid()) {
            throw new IllegalStateException("the lock on " + dir + " is no longer held");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.getFileName().toString().equals(FILE)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    /** Deepest first; a symbolic link is removed, not followed. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
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
