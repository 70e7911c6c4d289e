package io.bilateral.ingest.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.ingest.config.IngestConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes per principal ({@code bilateral.limits.writes-per-second}, bursts up to
 * {@code write-burst}): a token bucket for each verified token's issuer and subject, so that
 * one client flooding writes is answered 429 with {@code Retry-After} while everyone else's
 * writes go through. It runs after the role check: a write without a valid editor token has
 * been answered 401 or 403 by then. A request counts once, whatever a batch holds: a batch's
 * size has limits of its own.
 */
public class WriteLimits {

    private final IngestConfig config;
    private final CurrentIdentityAssociation identities;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    @Inject
    WriteLimits(IngestConfig config, CurrentIdentityAssociation identities) {
        this.config = config;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request) {
        if (config.limits().writesPerSecond() <= 0 || !HttpMethod.POST.equals(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
                take(token.getIssuer() + " " + token.getSubject());
            }
            return null;
        });
    }

    private void take(String key) {
        ConsumptionProbe probe = buckets.get(key, k -> bucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw LimitExceeded.tooMany(TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1,
                    "more than " + config.limits().writesPerSecond() + " writes a second (bursts of "
                            + config.limits().writeBurst() + ") from this client; nothing was published");
        }
    }

    private Bucket bucket() {
        double perSecond = config.limits().writesPerSecond();
        int burst = Math.max(1, config.limits().writeBurst());
        // Refilled one token at a time, every 1/rate seconds, up to the burst.
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(1, Duration.ofNanos((long) (1e9 / perSecond))).build()).build();
    }
}
