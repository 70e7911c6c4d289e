package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.Topics;
import io.bilateral.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the events topic exists, with unlimited retention (it is the log of record), so
 * that a fresh cluster works without a manual step. Tried at start-up and again by the
 * readiness check until it succeeds; a broker that is down at start-up does not stop the service.
 */
@ApplicationScoped
public class EventsTopic {

    private static final Logger LOG = Logger.getLogger(EventsTopic.class);

    private final String servers;
    private final IngestConfig config;
    private volatile boolean ready;

    EventsTopic(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, IngestConfig config) {
        this.servers = servers;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        // Off the start-up path: a slow or absent broker must not delay the HTTP server.
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            if (!ensure()) {
                LOG.warnf("events topic %s not verified yet (broker %s unreachable?); readiness stays DOWN until it is",
                        Topics.EVENTS, servers);
            }
        });
    }

    /** True once the topic is known to exist; tries (bounded) when not yet. */
    public synchronized boolean ensure() {
        if (ready || !config.topic().create()) {
            return ready = true;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2500))) {
            short rf = config.topic().replicationFactor();
            NewTopic topic = new NewTopic(Topics.EVENTS, Optional.of(config.topic().partitions()),
                    rf > 0 ? Optional.of(rf) : Optional.empty())
                    .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete"));
            admin.createTopics(List.of(topic)).all().get(3, TimeUnit.SECONDS);
            LOG.infof("created events topic %s with %d partitions", Topics.EVENTS, config.topic().partitions());
            ready = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                ready = true;
            } else {
                LOG.debugf("cannot create %s: %s", Topics.EVENTS, e.getCause());
            }
        } catch (Exception e) {
            LOG.debugf("cannot create %s: %s", Topics.EVENTS, e);
        }
        return ready;
    }
}
