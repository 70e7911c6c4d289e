package io.bilateral.localstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The test stack on Testcontainers: Kafka and PostgreSQL from the images docker-compose.yml runs,
 * configured as the local stack is (no topic made by a typo, no first-rebalance delay, the same
 * database, user and password). Only where a Docker engine answers.
 *
 * <p>An outage is a paused container: it keeps its mapped port, so the services see the broker
 * or the database stop answering and then answer again at the same address, as the local stack's
 * restart on the same port shows them. Unlike the local stack's, a paused container's port still
 * accepts connections (Docker's forwarding answers), which then hang: a client sees a timeout
 * where the local stack gives "connection refused" at once.
 */
public final class ContainerStack implements TestStack {

    /** The images of docker-compose.yml. */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:15";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    /** The containers paused now (an outage), by id: unpaused before they are stopped. */
    private final Set<String> paused = new HashSet<>();

    private ContainerStack(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static ContainerStack start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(StackChoice.PROPERTY + "=containers needs a Docker engine, and none answers here "
                    + "(Testcontainers looks at DOCKER_HOST, ~/.testcontainers.properties and /var/run/docker.sock); "
                    + "without one, leave it out: the local stack is the default");
        }
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(LocalPostgres.DATABASE)
                .withUsername(LocalPostgres.USER)
                .withPassword(LocalPostgres.PASSWORD);
        postgres.withCommand("postgres", "-c", "max_connections=200");
        try {
            Startables.deepStart(kafka, postgres).join();
        } catch (RuntimeException e) {
            // The one that did start goes too (stopping one that never started does nothing).
            kafka.stop();
            postgres.stop();
            throw e;
        }
        return new ContainerStack(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public Map<String, String> serviceConfig() {
        return Map.of(
                "kafka.bootstrap.servers", kafka.getBootstrapServers(),
                "quarkus.datasource.reactive.url", "postgresql://" + postgresAddress() + "/" + LocalPostgres.DATABASE,
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl(),
                "quarkus.datasource.username", LocalPostgres.USER,
                "quarkus.datasource.password", LocalPostgres.PASSWORD);
    }

    @Override
    public String postgresAddress() {
        return postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public synchronized void stopKafka() {
        pause(kafka);
    }

    @Override
    public synchronized void startKafka() {
        unpause(kafka);
    }

    @Override
    public synchronized void stopPostgres() {
        pause(postgres);
    }

    @Override
    public synchronized void startPostgres() {
        unpause(postgres);
    }

    private void pause(GenericContainer<?> container) {
        if (paused.add(container.getContainerId())) {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        }
    }

    private void unpause(GenericContainer<?> container) {
        if (paused.remove(container.getContainerId())) {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized void close() {
        try {
            startKafka();
            kafka.stop();
        } finally {
            startPostgres();
            postgres.stop();
        }
    }
}
