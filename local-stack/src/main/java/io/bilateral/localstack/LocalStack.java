package io.bilateral.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Kafka and PostgreSQL together, with their data under one directory, and the settings that
 * point a service at them. Closing stops both, Kafka first (it holds no connection to PostgreSQL,
 * but the services' consumers should see the broker go before the database).
 */
public final class LocalStack implements TestStack {

    private volatile LocalKafka kafka;
    private final Path dir;
    private volatile LocalPostgres postgres;

    private LocalStack(LocalKafka kafka, LocalPostgres postgres, Path dir) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.dir = dir;
    }

    /** Starts both; a port of 0 means any free port. */
    public static LocalStack start(Path dir, int kafkaPort, int postgresPort) {
        LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), postgresPort);
        try {
            return new LocalStack(LocalKafka.start(dir.resolve("kafka"), kafkaPort), postgres, dir);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
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

    /**
     * Stops PostgreSQL, runs {@code whileDown}, and starts it again on the same port and data:
     * for tests of what the services do during a database outage.
     */
    @Override
    public void withPostgresDown(Runnable whileDown) {
        int port = postgres.port();
        postgres.close();
        try {
            whileDown.run();
        } finally {
            postgres = LocalPostgres.start(dir.resolve("postgres"), port);
        }
    }

    /**
     * Stops the broker, runs {@code whileDown}, and starts it again on the same port and log:
     * for tests of what the services do while the log cannot be reached.
     */
    @Override
    public void withKafkaDown(Runnable whileDown) {
        int port = kafka.port();
        kafka.close();
        try {
            whileDown.run();
        } finally {
            kafka = LocalKafka.start(dir.resolve("kafka"), port);
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
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
