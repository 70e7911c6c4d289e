package io.bilateral.query.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.query.config.LimitsConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Requests per client address ({@code bilateral.limits.reads-per-second}, bursts up to
 * {@code read-burst}): a token bucket per address, so that one client hammering the read
 * models is answered 429 with {@code Retry-After} while the others are served as before.
 * Health and metrics ({@code /q/*}) are not REST resources and never count.
 */
public class ReadLimits {

    private final LimitsConfig config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    @Inject
    ReadLimits(LimitsConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(HttpServerRequest request) {
        if (config.readsPerSecond() <= 0) {
            return;
        }
        ConsumptionProbe probe = buckets.get(ClientAddress.of(request), a -> bucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw LimitExceeded.tooMany(TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1,
                    "more than " + config.readsPerSecond() + " requests a second (bursts of " + config.readBurst()
                            + ") from this address");
        }
    }

    private Bucket bucket() {
        // Refilled one token at a time, every 1/rate seconds, up to the burst.
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(Math.max(1, config.readBurst()))
                .refillGreedy(1, Duration.ofNanos((long) (1e9 / config.readsPerSecond()))).build()).build();
    }
}
