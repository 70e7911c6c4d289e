package io.bilateral.query.project;

import io.bilateral.query.config.ProjectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN when the projection thread died, when its last batch failed (saying why), or when the
 * read models are further behind the log than {@code bilateral.projection.max-ready-lag}
 * events: a load balancer then sends reads to an instance that is current. A broker outage
 * alone leaves it UP (see {@code logUnreachableSince}): the read models are in PostgreSQL, and
 * no instance could be more current while nothing reaches the log.
 */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final ProjectionConsumer consumer;
    private final LagMonitor lag;
    private final ProjectionConfig config;

    ProjectionReadiness(ProjectionConsumer consumer, LagMonitor lag, ProjectionConfig config) {
        this.consumer = consumer;
        this.lag = lag;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("projection");
        if (!consumer.isEnabled()) {
            return r.up().withData("state", "disabled").build();
        }
        r.withData("state", consumer.state().name());
        String error = consumer.lastError();
        if (!consumer.isRunning()) {
            return r.down().withData("reason", error != null ? error : "not running").build();
        }
        if (error != null) {
            return r.down().withData("reason", error).build();
        }
        LagMonitor.LogOutage outage = lag.logOutage();
        if (outage != null) {
            // Still ready: while the log cannot be read nothing can be written to it either, so
            // the read models are as current as the log allows. The status says so.
            r.withData("logUnreachableSince", outage.since().toString());
        }
        LagMonitor.Measurement m = lag.last();
        if (m.measuredAt() != null) {
            r.withData("lagEvents", m.lagEvents()).withData("parkedEvents", m.parked());
            if (m.lagEvents() > config.maxReadyLag()) {
                return r.down().withData("reason", m.lagEvents() + " events behind the log (more than "
                        + config.maxReadyLag() + ")").build();
            }
        }
        return r.up().build();
    }
}
