package io.bilateral.localstack;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which stack the tests run on: {@code local} (the default: a KRaft broker in the test's JVM and
 * PostgreSQL from the machine's binaries) or {@code containers} (Testcontainers' Kafka and
 * PostgreSQL, the images of docker-compose.yml). Chosen by the system property
 * {@code test.stack} ({@code mvn verify -Dtest.stack=containers}), else the
 * environment variable {@code BILATERAL_TEST_STACK}. Not a key under {@code bilateral.}: a
 * {@code @QuarkusTest}'s system properties are its application's configuration too, and the
 * services refuse unknown keys under their own prefix.
 */
public enum StackChoice {
    LOCAL, CONTAINERS;

    public static final String PROPERTY = "test.stack";
    public static final String VARIABLE = "BILATERAL_TEST_STACK";

    /** The choice this JVM was given. */
    public static StackChoice configured() {
        String value = System.getProperty(PROPERTY);
        return of(value == null || value.isBlank() ? System.getenv(VARIABLE) : value);
    }

    /** {@code local} or {@code containers}; nothing (or blank) is {@code local}. Anything else is refused by name. */
    public static StackChoice of(String value) {
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "containers" -> CONTAINERS;
            default -> throw new IllegalArgumentException(PROPERTY + " (or " + VARIABLE + ") is '" + value
                    + "': it must be local (the default, no Docker) or containers (Testcontainers, needs a Docker engine)");
        };
    }

    /** Starts this stack; the local one keeps its data under {@code dir}. */
    public TestStack start(Path dir) {
        return switch (this) {
            case LOCAL -> LocalStack.start(dir, 0, 0);
            case CONTAINERS -> ContainerStack.start();
        };
    }
}
