package io.bilateral.ingest.publish;

import io.bilateral.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The producer behind {@link EventPublisher}: durable ({@code acks=all}, idempotent, so a
 * retry inside the client never duplicates or reorders a dyad's events) and bounded in time.
 */
@ApplicationScoped
public class KafkaProducerFactory {

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, IngestConfig config) {
        return new KafkaProducer<>(settings(servers, config.publish().timeout(), config.publish().lingerMs(), config.publish().compression()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The producer gives up within {@code timeout} all told: waiting for metadata (a third of
     * it) and then for delivery (the rest), so that its own verdict, not a timer beside it,
     * decides the answer, and nothing is appended after the client was told 503. Every producer
     * of this service takes its settings here, so this is where LZ4 gets its native
     * implementation ({@link NativeLz4}) before the first one compresses.
     */
    static Map<String, Object> settings(String servers, Duration timeout, int lingerMs, String compression) {
        if ("lz4".equals(compression)) {
            NativeLz4.load();
        }
        long total = Math.max(timeout.toMillis(), 1500);
        long block = total / 3;
        long delivery = total - block - 200;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        // Kafka requires delivery.timeout >= linger + request.timeout.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(delivery - lingerMs - 100, 300));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        // send() blocks the caller while it waits for metadata.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, block);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "event-service");
        return p;
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
