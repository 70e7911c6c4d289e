package io.bilateral.query.config;

import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How to open a PostgreSQL connection of our own, outside Quarkus' pool: a rebuild's pool on
 * its own schema, and the stream's LISTEN connection (a pooled connection cannot keep one).
 */
@ApplicationScoped
public class DatabaseOptions {

    private final String url;
    private final String user;
    private final String password;

    DatabaseOptions(@ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                    @ConfigProperty(name = "quarkus.datasource.username") String user,
                    @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public PgConnectOptions connectOptions() {
        return PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
    }
}
