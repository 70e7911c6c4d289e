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
        return new KafkaProducer<>(settings(servers, config.publish().timeout(), config.publish().lingerMs()),
                new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> settings(String servers, Duration timeout, int lingerMs) {
        long total = Math.max(timeout.toMillis(), 1000);
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Kafka requires delivery.timeout >= linger + request.timeout.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(total - lingerMs - 100, 500));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) total);
        // send() blocks the caller while it waits for metadata: never longer than a POST may wait.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, total);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "event-service");
        return p;
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
