package io.bilateral.query.project;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** DOWN when the projection thread died or its last batch failed, saying why. */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final ProjectionConsumer consumer;

    ProjectionReadiness(ProjectionConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("projection");
        if (!consumer.isEnabled()) {
            return r.up().withData("state", "disabled").build();
        }
        String error = consumer.lastError();
        if (!consumer.isRunning()) {
            return r.down().withData("reason", error != null ? error : "not running").build();
        }
        return error == null ? r.up().build() : r.down().withData("reason", error).build();
    }
}
