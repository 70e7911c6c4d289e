package io.bilateral.ingest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Verifies each bearer token once, not once per request: a client posting facts one by one
 * sends the same token every time, and checking its RSA signature was about a fifth of a
 * write's CPU. A token that verified is kept, by its exact text, until the earliest of its
 * own expiry ({@code exp}, so an expired token is verified again and refused) and
 * {@link #LONGEST}, so that a key taken out of a JWKS stops being honoured within that bound.
 * A token that fails is never kept. Bounded in count: the least used go first.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    /** Longest a verified token is trusted without checking it again. */
    static final Duration LONGEST = Duration.ofMinutes(5);
    private static final int MOST = 10_000;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Cache<String, JWTCallerPrincipal> verified = Caffeine.newBuilder()
            .maximumSize(MOST)
            .expireAfter(new Expiry<String, JWTCallerPrincipal>() {
                @Override
                public long expireAfterCreate(String token, JWTCallerPrincipal principal, long now) {
                    return trustedFor(principal);
                }

                @Override
                public long expireAfterUpdate(String token, JWTCallerPrincipal principal, long now, long current) {
                    return trustedFor(principal);
                }

                @Override
                public long expireAfterRead(String token, JWTCallerPrincipal principal, long now, long current) {
                    return current;
                }
            })
            .build();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo);
        if (principal.getExpirationTime() > 0) {
            verified.put(token, principal);
        }
        return principal;
    }

    /** Nanoseconds until the token expires, at most {@link #LONGEST}; none left means not kept. */
    static long trustedFor(JWTCallerPrincipal principal) {
        long untilExpiry = TimeUnit.SECONDS.toNanos(principal.getExpirationTime()) - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        return Math.max(0, Math.min(untilExpiry, LONGEST.toNanos()));
    }
}
