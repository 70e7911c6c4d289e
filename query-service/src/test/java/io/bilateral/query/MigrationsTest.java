package io.bilateral.query;

import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrades of a database that already holds read models: each migration that moves data is
 * run on rows an earlier version wrote, in a database of its own on the test stack's server
 * (every other test starts from an empty schema, where such a migration has nothing to move).
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class MigrationsTest {

    @Test
    void upgradeToV18_keepsEachFactsCurrentSources_inItsPayload_andDropsTheCopies() throws Exception {
        String url = database("upgrade_v18");
        migrate(url, "17");
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD); Statement s = c.createStatement()) {
            // As V17 stored them: an amended fact whose sources column was normalised apart from its
            // payload (here: other sources altogether), and a recorded fact whose two copies agree.
            s.execute("""
                    INSERT INTO facts (fact_id, dyad, type, occurred, precision, sources, payload, revision, recorded_at, updated_at) VALUES
                    ('amended', 'BEL-CHN', 'OfficialVisit', '2001', 'year', '[{"url": "https://example.org/current"}]',
                     '{"type": "OfficialVisit", "summary": "kept", "sources": [{"url": "https://example.org/before"}]}', 2, now(), now()),
                    ('recorded', 'BEL-CHN', 'OfficialVisit', '2002', 'year', '[{"url": "https://example.org/same"}]',
                     '{"type": "OfficialVisit", "sources": [{"url": "https://example.org/same"}]}', 1, now(), now())""");
        }
        migrate(url, "18");
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD); Statement s = c.createStatement()) {
            Map<String, String> sources = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT fact_id, payload->'sources'->0->>'url' AS url, payload->>'summary' AS summary FROM facts ORDER BY fact_id")) {
                while (rs.next()) {
                    sources.put(rs.getString("fact_id"), rs.getString("url"));
                    if (rs.getString("fact_id").equals("amended")) {
                        assertThat(rs.getString("summary")).as("the rest of the payload").isEqualTo("kept");
                    }
                }
            }
            assertThat(sources).containsExactly(Map.entry("amended", "https://example.org/current"), Map.entry("recorded", "https://example.org/same"));
            try (ResultSet rs = s.executeQuery("""
                    SELECT (SELECT count(*) FROM information_schema.columns WHERE table_name = 'facts' AND column_name = 'sources') AS copies,
                           (SELECT is_nullable FROM information_schema.columns WHERE table_name = 'fact_revisions' AND column_name = 'sources') AS nullable""")) {
                rs.next();
                assertThat(rs.getInt("copies")).as("facts.sources").isZero();
                assertThat(rs.getString("nullable")).as("fact_revisions.sources may be null").isEqualTo("YES");
            }
        }
    }

    /** A new, empty database on the test stack's server, as a JDBC URL. */
    private static String database(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://" + TestStackResource.stack().postgresAddress() + "/" + name;
    }

    private static void migrate(String url, String version) {
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").target(version).load().migrate();
    }
}
