package io.bilateral.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * For {@code @QuarkusTest}s: the application verifies tokens signed with a key pair under
 * {@code target/local-jwt}; {@link #token} makes them.
 */
public class LocalJwtTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Path DIR = Path.of("target", "local-jwt").toAbsolutePath();

    public static String token(String... roles) {
        return LocalJwt.in(DIR).token("test-" + String.join("-", roles), List.of(roles), Duration.ofHours(1));
    }

    /** A token that expires after {@code ttl}. */
    public static String token(Duration ttl, String... roles) {
        return LocalJwt.in(DIR).token("test-" + String.join("-", roles), List.of(roles), ttl);
    }

    @Override
    public Map<String, String> start() {
        return LocalJwt.in(DIR).serviceConfig();
    }

    @Override
    public void stop() {
        // keys stay for the next run
    }
}
