package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the events topic exists: before that, every POST would fail. */
@Readiness
@ApplicationScoped
public class EventsTopicReadiness implements HealthCheck {

    private final EventsTopic topic;

    EventsTopicReadiness(EventsTopic topic) {
        this.topic = topic;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("events-topic").status(topic.ensure()).withData("topic", Topics.EVENTS).build();
    }
}
