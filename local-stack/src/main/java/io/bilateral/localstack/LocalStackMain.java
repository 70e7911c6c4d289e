package io.bilateral.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The local stack as a process, for the run command: {@code java -jar local-stack.jar
 * [--data DIR] [--kafka-port N] [--postgres-port N] [--fresh]}. It keeps its data in DIR between
 * runs ({@code --fresh}: starts on an empty DIR, deleting what was there once no other stack uses it),
 * writes {@code DIR/stack.env} (the services' settings as environment variables, including the
 * key that verifies bearer tokens) and {@code DIR/editor.token} (a token to write with) once both
 * servers are up, and stops both cleanly on SIGINT or SIGTERM.
 */
public final class LocalStackMain {

    /** The one option without a value. */
    private static final String FRESH = "--fresh";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path dir = Paths.get(options.getOrDefault("--data", ".bilateral")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(options.getOrDefault("--kafka-port", "19092"));
        int postgresPort = Integer.parseInt(options.getOrDefault("--postgres-port", "15432"));
        quietKafka();
        Files.createDirectories(dir);
        // Replaced (atomically) once this stack is up, and never deleted before this stack holds
        // the directory: a refused second stack leaves the running one's settings alone.
        Path envFile = dir.resolve("stack.env");

        LocalStack stack;
        try {
            stack = options.containsKey(FRESH)
                    ? LocalStack.startEmpty(dir, kafkaPort, postgresPort)
                    : LocalStack.start(dir, kafkaPort, postgresPort);
        } catch (DirectoryInUseException e) {
            // The one line the run command shows: no stack trace for an expected refusal.
            System.err.println("local-stack: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-stack: stopping Kafka and PostgreSQL");
            try {
                stack.close();
            } finally {
                stopped.countDown();
            }
        }, "local-stack-shutdown"));

        LocalJwt jwt = LocalJwt.in(dir.resolve("jwt"));
        LocalJwt.writePrivate(dir.resolve("editor.token"),
                jwt.token("local-editor", java.util.List.of("editor"), java.time.Duration.ofDays(30)) + "\n");
        Map<String, String> config = new TreeMap<>(stack.serviceConfig());
        config.putAll(jwt.serviceConfig());
        writeEnv(envFile, config);
        System.out.println("local-stack: Kafka on " + stack.kafka().bootstrapServers() + ", " + stack.postgres()
                + "; settings in " + envFile);
        stopped.await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(FRESH)) {
                options.put(FRESH, "");
                continue;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: local-stack [--data DIR] [--kafka-port N] [--postgres-port N] [--fresh]");
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    /** Written last and atomically: its presence means the stack is ready. */
    private static void writeEnv(Path envFile, Map<String, String> config) throws IOException {
        String env = new TreeMap<>(config).entrySet().stream()
                .map(e -> e.getKey().toUpperCase().replace('.', '_').replace('-', '_') + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Path tmp = Files.writeString(envFile.resolveSibling("stack.env.tmp"), env);
        Files.move(tmp, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The broker's INFO lines drown what the user needs to see. */
    private static void quietKafka() {
        for (String category : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            Logger.getLogger(category).setLevel(Level.WARNING);
        }
    }

    private LocalStackMain() {
    }
}
