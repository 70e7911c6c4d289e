package io.bilateral.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The single POST's peer: Kafka's own producer, with the settings of event-service's
 * single-event producer ({@code acks=all}, idempotent, linger 1 ms, lz4), sending the
 * benchmark's facts at a steady rate to the same broker, each timed from when it was due
 * until the broker acknowledged it. A POST cannot answer sooner than its event is
 * acknowledged, so this p99 is the floor under the POST's p99 on this machine at that moment.
 * In this JVM, warmed up first, so that it measures the broker and not a cold client.
 */
final class KafkaLatency {

    private static final String TOPIC = "bench.producer-latency";

    record Outcome(long acknowledged, long failed, Histogram micros) {
        double p50Ms() {
            return micros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return micros.getValueAtPercentile(99) / 1000.0;
        }
    }

    private final Target target;

    KafkaLatency(Target target) {
        this.target = target;
    }

    /** {@code rate} records a second for {@code warmup} (not counted), then for {@code window}. */
    Outcome atRate(double rate, Duration warmup, Duration window) throws Exception {
        target.peerTopic(TOPIC);
        Facts facts = new Facts(200, "k" + System.currentTimeMillis());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafka(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, facts, rate, warmup, new Recorder(3), new AtomicLong(), new AtomicLong());
            Recorder recorder = new Recorder(3);
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            send(producer, facts, rate, window, recorder, acknowledged, failed);
            return new Outcome(acknowledged.get(), failed.get(), recorder.getIntervalHistogram());
        }
    }

    /** Paced by when each record is due, not by the previous acknowledgement, as the POST's load is. */
    private static void send(KafkaProducer<String, byte[]> producer, Facts facts, double rate, Duration duration,
                             Recorder recorder, AtomicLong acknowledged, AtomicLong failed) {
        long total = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String fact = facts.next();
            producer.send(new ProducerRecord<>(TOPIC, Facts.dyad(fact), fact.getBytes(StandardCharsets.UTF_8)), (meta, error) -> {
                if (error == null) {
                    recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    acknowledged.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        // Returns once every record sent is acknowledged or failed, its callback run.
        producer.flush();
    }
}
