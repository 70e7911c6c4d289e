package io.bilateral.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * For {@code @QuarkusTest}s: a real Kafka broker and a real PostgreSQL, started on first use and
 * stopped with the application of the test class that started them (or when the JVM exits);
 * the local stack under {@code target/local-stack/<id>} unless {@code -Dtest.stack=containers}
 * chose Testcontainers' ({@link StackChoice}). Every Quarkus application the tests start is
 * pointed at them.
 *
 * <p>Quarkus starts and stops a resource named with {@code restrictToAnnotatedClass} around each
 * test class that names it, after that class's application has stopped, and loads it in a new
 * class loader when the test profile or the resources change: so this class may be loaded more
 * than once per JVM, each copy with a stack of its own in a directory of its own, and only the
 * first clears what earlier runs left. Each stack is stopped when its test class is done: kept to
 * the JVM's exit, they piled up, one broker and one PostgreSQL server per test class (by its 27th
 * class, query-service's test JVM had 28 servers running, 2,420 threads and 8.3 GB resident).
 */
public class TestStackResource implements QuarkusTestResourceLifecycleManager {

    private static final String CLEARED = "io.bilateral.localstack.cleared";
    private static TestStack stack;
    /** Stops {@link #stack} if the JVM exits before {@link #stop} is called. */
    private static Thread stopAtExit;
    /** Why the stack did not start, once it did not: later test classes fail at once with it. */
    private static RuntimeException failed;

    /** The stack the tests run against, started on first use. */
    public static synchronized TestStack stack() {
        if (failed != null) {
            // Tried for an earlier test class of this class loader: say so again, at once.
            throw new IllegalStateException("the test stack did not start for an earlier test class", failed);
        }
        if (stack == null) {
            Path root = Paths.get("target", "local-stack").toAbsolutePath();
            // A system property, not a static field: it is seen by every class loader of the JVM.
            if (System.getProperty(CLEARED) == null) {
                deleteRecursively(root);
                System.setProperty(CLEARED, "true");
            }
            LocalKafka.neverExitTheJvm();
            try {
                stack = start(root, StackChoice.configured());
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
            stopAtExit = new Thread(stack::close, "local-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
        return stack;
    }

    /** Stops this class loader's stack, if it has one; the next {@link #stack()} starts a new one. */
    private static synchronized void stopStack() {
        if (stack == null) {
            return;
        }
        TestStack stopping = stack;
        stack = null;
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting and the hook runs anyway.
        }
        stopping.close();
    }

    /**
     * The local stack gets one more attempt, in a new directory on new ports, when the first
     * fails. What failed is printed whole first: Quarkus reports a test resource's failure to
     * the test only as a reflective InvocationTargetException, without its cause. Containers
     * are not tried again: Testcontainers has its own waits, and no engine stays no engine.
     */
    private static TestStack start(Path root, StackChoice choice) {
        try {
            return choice.start(root.resolve(UUID.randomUUID().toString()));
        } catch (RuntimeException first) {
            if (choice != StackChoice.LOCAL) {
                throw first;
            }
            System.err.println("[local-stack] the test stack did not start; trying once more on new ports. What failed:");
            first.printStackTrace();
            try {
                return choice.start(root.resolve(UUID.randomUUID().toString()));
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    @Override
    public Map<String, String> start() {
        return stack().serviceConfig();
    }

    /** Called once the test class's application has stopped: nothing uses the stack any more. */
    @Override
    public void stop() {
        stopStack();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
