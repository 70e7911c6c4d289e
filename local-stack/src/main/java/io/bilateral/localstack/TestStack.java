package io.bilateral.localstack;

import java.util.Map;

/**
 * Kafka and PostgreSQL for the {@code @QuarkusTest}s: the local stack (the default, no Docker) or
 * Testcontainers' ({@code -Dbilateral.stack=containers}, where a Docker engine answers). What a
 * test may ask of either: where they are, the settings that point a service at them, and an
 * outage of one of them while the services keep running.
 */
public interface TestStack extends AutoCloseable {

    String kafkaBootstrapServers();

    /** The database the services use, as a JDBC URL (user {@link LocalPostgres#USER}, password {@link LocalPostgres#PASSWORD}). */
    String jdbcUrl();

    /** The settings a service needs, as Quarkus configuration keys. */
    Map<String, String> serviceConfig();

    /** The broker unreachable while {@code whileDown} runs, then back at the same address with its log. */
    void withKafkaDown(Runnable whileDown);

    /** The database unreachable while {@code whileDown} runs, then back at the same address with its data. */
    void withPostgresDown(Runnable whileDown);

    @Override
    void close();
}
