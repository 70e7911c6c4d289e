package io.bilateral.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Kafka and PostgreSQL together, with their data under one directory, and the settings that
 * point a service at them. Closing stops both, Kafka first (it holds no connection to PostgreSQL,
 * but the services' consumers should see the broker go before the database).
 */
public final class LocalStack implements TestStack {

    private final Path dir;
    private final DirectoryLock lock;
    private final int kafkaPort;
    private final int postgresPort;
    private volatile LocalKafka kafka;
    private volatile LocalPostgres postgres;
    private boolean kafkaUp = true;
    private boolean postgresUp = true;

    private LocalStack(LocalKafka kafka, LocalPostgres postgres, Path dir, DirectoryLock lock) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.dir = dir;
        this.lock = lock;
        this.kafkaPort = kafka.port();
        this.postgresPort = postgres.port();
    }

    /**
     * Starts both; a port of 0 means any free port. Fails before starting anything when another
     * stack is using {@code dir} ({@link DirectoryLock}).
     */
    public static LocalStack start(Path dir, int kafkaPort, int postgresPort) {
        return start(dir, kafkaPort, postgresPort, false);
    }

    /**
     * Starts both on an empty directory: what an earlier stack kept in {@code dir} (its log, its
     * database, its keys) is deleted first, but only once this stack holds the directory's lock.
     * On a directory another stack is using it fails as {@link #start} does, and deletes nothing:
     * {@code ./bilateral run --fresh} once removed the directory before any lock was asked for,
     * so on a system that was running it deleted that system's data under it.
     */
    public static LocalStack startEmpty(Path dir, int kafkaPort, int postgresPort) {
        return start(dir, kafkaPort, postgresPort, true);
    }

    private static LocalStack start(Path dir, int kafkaPort, int postgresPort, boolean empty) {
        DirectoryLock lock = DirectoryLock.take(dir);
        LocalPostgres postgres = null;
        try {
            if (empty) {
                lock.emptyDirectory();
            }
            postgres = LocalPostgres.start(dir.resolve("postgres"), postgresPort);
            return new LocalStack(LocalKafka.start(dir.resolve("kafka"), kafkaPort), postgres, dir, lock);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            lock.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String postgresAddress() {
        return "127.0.0.1:" + postgresPort;
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /** Stops the broker; its log stays in its directory. */
    @Override
    public synchronized void stopKafka() {
        if (kafkaUp) {
            kafka.close();
            kafkaUp = false;
        }
    }

    /** Starts the broker again on the same port and log. */
    @Override
    public synchronized void startKafka() {
        if (!kafkaUp) {
            kafka = LocalKafka.start(dir.resolve("kafka"), kafkaPort);
            kafkaUp = true;
        }
    }

    /** Stops PostgreSQL (fast shutdown); its data stays in its directory. */
    @Override
    public synchronized void stopPostgres() {
        if (postgresUp) {
            postgres.close();
            postgresUp = false;
        }
    }

    /** Starts PostgreSQL again on the same port and data. */
    @Override
    public synchronized void startPostgres() {
        if (!postgresUp) {
            postgres = LocalPostgres.start(dir.resolve("postgres"), postgresPort);
            postgresUp = true;
        }
    }

    /**
     * The settings a service needs, as Quarkus configuration keys. Each also has an
     * environment-variable form (upper case, dots and dashes to underscores), which is how
     * the run command and docker-compose pass them.
     */
    @Override
    public Map<String, String> serviceConfig() {
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", LocalPostgres.USER,
                "quarkus.datasource.password", LocalPostgres.PASSWORD);
    }

    @Override
    public void close() {
        try {
            stopKafka();
        } finally {
            try {
                stopPostgres();
            } finally {
                lock.close();
            }
        }
    }
}
