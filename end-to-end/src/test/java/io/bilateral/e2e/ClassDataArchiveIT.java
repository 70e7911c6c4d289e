package io.bilateral.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both packaged services started as {@code ./bilateral} starts them: a first start records a
 * class-data archive ({@code -XX:ArchiveClassesAtExit}), written when the service stops, and a
 * later start maps it ({@code -XX:SharedArchiveFile}). The start-up time that archive saves
 * depends on how many of a start's classes it holds: the JVM archives only classes of its own
 * class loaders, so with Quarkus's default fast-jar, whose class loader defines the
 * application's and most libraries' classes, 28 % of the classes of query-service's start
 * (22 % of event-service's) were still read from the jars; packaged as an aot-jar, 2 % (1 %)
 * (BENCHMARKS.md, 2026-12-07).
 */
class ClassDataArchiveIT {

    /** Of the classes a start loads, the share the archive must hold (0.98-0.99 measured; 0.72-0.78 with the fast-jar). */
    private static final double SHARED_AT_LEAST = 0.9;

    static E2eStack stack;

    @BeforeAll
    static void start() {
        stack = E2eStack.start("ClassDataArchiveIT");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void eventServiceStart_mapsNearlyEveryClassFromTheArchiveOfAnEarlierStart() throws IOException {
        assertArchiveHoldsTheStart("event-service", stack::startEventServiceWithJvmOptions);
    }

    @Test
    void queryServiceStart_mapsNearlyEveryClassFromTheArchiveOfAnEarlierStart() throws IOException {
        assertArchiveHoldsTheStart("query-service", stack::startQueryServiceWithJvmOptions);
    }

    private static void assertArchiveHoldsTheStart(String service, BiFunction<String, List<String>, ServiceProcess> start)
            throws IOException {
        Path dir = Files.createTempDirectory(service + "-archive");
        try {
            recordThenMap(service, start, dir);
        } finally {
            // The archive is about 100 MB.
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void recordThenMap(String service, BiFunction<String, List<String>, ServiceProcess> start, Path dir)
            throws IOException {
        Path archive = dir.resolve("start.jsa");
        ServiceProcess recording = start.apply(service + "-recording", List.of("-Xmx128m", "-XX:ArchiveClassesAtExit=" + archive));
        recording.requestStop();
        // The JVM writes the archive as it exits (4-7 s on a quiet machine).
        await(service + " stopped and its archive written").atMost(Duration.ofSeconds(120)).until(() -> !recording.isAlive());
        assertThat(archive).as("the archive of %s's first start", service).isNotEmptyFile();

        Path loaded = dir.resolve("classes.log");
        ServiceProcess mapping = start.apply(service + "-mapping",
                List.of("-Xmx128m", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + loaded));
        mapping.close();
        List<String> classes = Files.readAllLines(loaded).stream().filter(line -> line.contains(" source: ")).toList();
        long shared = classes.stream().filter(line -> line.contains(" source: shared objects file")).count();
        assertThat(classes).as("the classes %s's second start loaded", service).hasSizeGreaterThan(5_000);
        assertThat((double) shared / classes.size())
                .as("the share of %s's %d classes mapped from the archive (%d)", service, classes.size(), shared)
                .isGreaterThanOrEqualTo(SHARED_AT_LEAST);
    }
}
