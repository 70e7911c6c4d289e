package io.bilateral.e2e;

import io.bilateral.localstack.LocalJwt;
import io.bilateral.localstack.LocalKafka;
import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.StackChoice;
import io.bilateral.localstack.TestStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * What an end-to-end test runs on: PostgreSQL, a Kafka broker and the local token issuer,
 * with their data under {@code target/e2e/<name>} (emptied first), and the packaged services
 * started on them as separate processes. Closing stops every service still running, then the
 * broker, then the database.
 *
 * <p>query-service instances are started on a database and a consumer group of the caller's
 * choice: instances on one database in one group share the work, an instance on a database of
 * its own in a group of its own projects the whole log independently.
 */
final class E2eStack implements AutoCloseable {

    /** query-service's default consumer group (application.properties). */
    static final String QUERY_GROUP = "bilateral-query";

    private final Path dir;
    private final TestStack stack;
    private final LocalJwt jwt;
    private final String editor;
    private final List<ServiceProcess> services = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Closes everything if the JVM ends without {@link #close()} (a crash, System.exit, a killed build). */
    private final Thread onJvmExit = new Thread(this::closeAll, "e2e-stack-shutdown");
    private boolean closed;

    private E2eStack(Path dir, TestStack stack, LocalJwt jwt) {
        this.dir = dir;
        this.stack = stack;
        this.jwt = jwt;
        this.editor = jwt.token("e2e-editor", List.of("editor"), Duration.ofHours(2));
        Runtime.getRuntime().addShutdownHook(onJvmExit);
    }

    static E2eStack start(String name) {
        Path dir = Path.of("target", "e2e", name).toAbsolutePath();
        deleteRecursively(dir);
        // A fatal broker error must fail the test, not exit the JVM past every @AfterAll.
        LocalKafka.neverExitTheJvm();
        // The local stack under dir, unless -Dtest.stack=containers chose Testcontainers'.
        TestStack stack = StackChoice.configured().start(dir);
        try {
            return new E2eStack(dir, stack, LocalJwt.in(dir.resolve("jwt")));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /** A bearer token with the editor role, valid for two hours. */
    String editorToken() {
        return editor;
    }

    /** A bearer token with these roles (say, {@code admin}), valid for two hours. */
    String token(String... roles) {
        return jwt.token("e2e-" + String.join("-", roles), List.of(roles), Duration.ofHours(2));
    }

    String kafkaServers() {
        return stack.kafkaBootstrapServers();
    }

    /** Stops the broker; the log stays. */
    void stopKafka() {
        stack.stopKafka();
    }

    /** Starts the broker again at the same address with its log. */
    void restartKafka() {
        stack.startKafka();
    }

    /** event-service with the heap and collector {@code ./bilateral run} gives it, and its default bounds. */
    ServiceProcess startEventServiceAsRun() {
        // The options of default_java_opts in ./bilateral, for event-service.
        return started(ServiceProcess.start("event-service", jar("event-service"), freePort(), common(), dir.resolve("logs"),
                "/q/health/ready", List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")));
    }

    /** event-service with these JVM options instead of the tests' heap option, once it is ready. */
    ServiceProcess startEventServiceWithJvmOptions(String name, List<String> jvmOptions) {
        return started(ServiceProcess.start(name, jar("event-service"), freePort(), common(), dir.resolve("logs"),
                "/q/health/ready", jvmOptions));
    }

    /** query-service on the default database and group with these JVM options instead of the tests' heap option, once it is ready. */
    ServiceProcess startQueryServiceWithJvmOptions(String name, List<String> jvmOptions) {
        return started(ServiceProcess.start(name, jar("query-service"), freePort(), queryEnv(LocalPostgres.DATABASE, QUERY_GROUP),
                dir.resolve("logs"), "/q/health/ready", jvmOptions));
    }

    /** event-service with a 2 s bound on a single POST and 30 s on a batch. */
    ServiceProcess startEventService() {
        return startEventService(Map.of());
    }

    /** As {@link #startEventService()}, with more settings (environment variables). */
    ServiceProcess startEventService(Map<String, String> settings) {
        Map<String, String> env = common();
        env.putAll(settings);
        env.put("BILATERAL_PUBLISH_TIMEOUT", "2s");
        env.put("BILATERAL_PUBLISH_BATCH_TIMEOUT", "30s");
        return started(ServiceProcess.start("event-service", jar("event-service"), freePort(), env, dir.resolve("logs")));
    }

    /** query-service on the stack's default database, in the default consumer group, once it is ready. */
    ServiceProcess startQueryService() {
        return started(ServiceProcess.start("query-service", jar("query-service"), freePort(),
                queryEnv(LocalPostgres.DATABASE, QUERY_GROUP), dir.resolve("logs")));
    }

    /**
     * A query-service instance projecting into {@code database} as a member of {@code groupId},
     * once it is up (live). Not once it is ready: readiness also wants the projection near the
     * log's end ({@code bilateral.projection.max-ready-lag}), which an instance restarted
     * behind a backlog is not for a while. {@code name} names its log file
     * ({@code logs/<name>.log}), so give each start its own. Safe to call from several threads.
     */
    ServiceProcess startQueryService(String name, String database, String groupId) {
        return startQueryService(name, database, groupId, Map.of());
    }

    /** As {@link #startQueryService(String, String, String)}, with more settings (environment variables). */
    ServiceProcess startQueryService(String name, String database, String groupId, Map<String, String> settings) {
        Map<String, String> env = queryEnv(database, groupId);
        env.putAll(settings);
        return started(ServiceProcess.start(name, jar("query-service"), freePort(), env, dir.resolve("logs"), "/q/health/live"));
    }

    /** query-service in the default group on a given port: a browser's page reconnects to the address it came from. */
    ServiceProcess startQueryServiceOnPort(String name, int port, Map<String, String> settings) {
        Map<String, String> env = queryEnv(LocalPostgres.DATABASE, QUERY_GROUP);
        env.putAll(settings);
        return started(ServiceProcess.start(name, jar("query-service"), port, env, dir.resolve("logs"), "/q/health/live"));
    }

    private Map<String, String> queryEnv(String database, String groupId) {
        Map<String, String> env = common();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + stack.postgresAddress() + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        env.put("BILATERAL_PROJECTION_GROUP_ID", groupId);
        return env;
    }

    /** {@link #startQueryService(String, String, String)} on a thread of its own: start several, then join them. */
    CompletableFuture<ServiceProcess> startQueryServiceInBackground(String name, String database, String groupId) {
        return CompletableFuture.supplyAsync(() -> startQueryService(name, database, groupId), E2eStack::onNewThread);
    }

    /** An executor that runs each task on a new daemon thread (the common pool has one thread on two cores). */
    static void onNewThread(Runnable task) {
        Thread t = new Thread(task);
        t.setDaemon(true);
        t.start();
    }

    /** An empty database next to the default one (for an independent projection of the log). */
    void createDatabase(String database) {
        try (Connection c = connect("postgres")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + stack.postgresAddress() + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** Stops every service still running, then the broker, then the database; once. */
    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(onJvmExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to remove
        }
    }

    private synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> all;
        synchronized (services) {
            all = new ArrayList<>(services);
        }
        java.util.Collections.reverse(all);
        // Every service is told to stop first, so that they stop together, not one 20 s bound
        // after another (a JVM shutting down may not wait that long for its hooks).
        for (AutoCloseable c : all) {
            ((ServiceProcess) c).requestStop();
        }
        all.add(stack);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    private ServiceProcess started(ServiceProcess service) {
        services.add(service);
        return service;
    }

    private Map<String, String> common() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwt.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", LocalJwt.ISSUER);
        return env;
    }

    private static Path jar(String service) {
        return Path.of(System.getProperty("bilateral." + service + ".jar"));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
