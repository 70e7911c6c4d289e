package io.bilateral.localstack;

import java.util.Map;

/**
 * Kafka and PostgreSQL for the {@code @QuarkusTest}s: the local stack (the default, no Docker) or
 * Testcontainers' ({@code -Dtest.stack=containers}, where a Docker engine answers). What a
 * test may ask of either: where they are, the settings that point a service at them, and an
 * outage of one of them while the services keep running.
 */
public interface TestStack extends AutoCloseable {

    String kafkaBootstrapServers();

    /** Where PostgreSQL listens, as {@code host:port}: for URLs to other databases of the same server. */
    String postgresAddress();

    /** The database the services use, as a JDBC URL (user {@link LocalPostgres#USER}, password {@link LocalPostgres#PASSWORD}). */
    String jdbcUrl();

    /** The settings a service needs, as Quarkus configuration keys. */
    Map<String, String> serviceConfig();

    /** The broker unreachable from now on; its log kept. Nothing if it already is. */
    void stopKafka();

    /** The broker back at the same address with its log. Nothing if it is up. */
    void startKafka();

    /** The database unreachable from now on; its data kept. Nothing if it already is. */
    void stopPostgres();

    /** The database back at the same address with its data. Nothing if it is up. */
    void startPostgres();

    /** The broker unreachable while {@code whileDown} runs, then back. */
    default void withKafkaDown(Runnable whileDown) {
        stopKafka();
        try {
            whileDown.run();
        } finally {
            startKafka();
        }
    }

    /** The database unreachable while {@code whileDown} runs, then back. */
    default void withPostgresDown(Runnable whileDown) {
        stopPostgres();
        try {
            whileDown.run();
        } finally {
            startPostgres();
        }
    }

    /** Stops both, the broker first. */
    @Override
    void close();
}
