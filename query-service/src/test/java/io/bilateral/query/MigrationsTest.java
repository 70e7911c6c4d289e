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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations, each in a database of its own on the test stack's server. Upgrades of a
 * database that already holds read models: each migration that moves data is run on rows an
 * earlier version wrote (every other test starts from an empty schema, where such a migration
 * has nothing to move). And the baseline script that new databases get instead of V1 to V18
 * (later versions then run on it as on any database).
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class MigrationsTest {

    /** Every column, constraint and index of the read models' schema, one line each, in a stable order. */
    private static final String SCHEMA = """
            SELECT line FROM (
                -- A column's place among the table's columns (ordinal_position also counts dropped ones).
                SELECT format('column %s.%s #%s %s null=%s default=%s', table_name, column_name,
                              row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position),
                              format_type(a.atttypid, a.atttypmod), is_nullable, column_default) AS line
                FROM information_schema.columns c
                JOIN pg_attribute a ON a.attrelid = format('public.%I', c.table_name)::regclass AND a.attname = c.column_name
                WHERE c.table_schema = 'public' AND c.table_name <> 'flyway_schema_history'
                UNION ALL
                SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'flyway_schema_history'
                UNION ALL
                SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'
            ) AS parts ORDER BY line""";

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

    @Test
    void upgradeToV19_leavesEachFactsFirstRevisionInItsRow_andKeepsTheCorrections() throws Exception {
        String url = database("upgrade_v19");
        migrate(url, "18");
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD); Statement s = c.createStatement()) {
            // As V18 stored them: a fact recorded and amended, whose payload carries its recording
            // event's id and author as the envelope writes them; and one whose payload does not
            // (written before the envelope held them), known only from its revision 1.
            s.execute("""
                    INSERT INTO facts (fact_id, dyad, type, occurred, precision, payload, revision, recorded_at, updated_at) VALUES
                    ('amended', 'BEL-CHN', 'OfficialVisit', '2001', 'year',
                     '{"type": "OfficialVisit", "eventId": "00000000-0000-0000-0000-00000000000a", "recordedBy": {"subject": "alice"}}', 2, now(), now()),
                    ('older', 'BEL-CHN', 'OfficialVisit', '2002', 'year', '{"type": "OfficialVisit", "summary": "kept"}', 1, now(), now())""");
            s.execute("""
                    INSERT INTO fact_revisions (fact_id, revision, event_id, kind, reason, sources, changes, recorded_at, recorded_by) VALUES
                    ('amended', 1, '00000000-0000-0000-0000-00000000000a', 'RECORDED', NULL, NULL, NULL, now(), '{"subject": "alice"}'),
                    ('amended', 2, '00000000-0000-0000-0000-00000000000b', 'AMENDED', 'a better date', '[]', '{"occurred": "2001"}', now(), '{"subject": "bob"}'),
                    ('older', 1, '00000000-0000-0000-0000-00000000000c', 'RECORDED', NULL, NULL, NULL, now(), '{"subject": "carol"}')""");
        }
        migrate(url, "19");
        assertThat(lines(url, "SELECT fact_id || ' ' || revision || ' ' || kind FROM fact_revisions ORDER BY fact_id, revision"))
                .as("the corrections' revisions, and only those").containsExactly("amended 2 AMENDED");
        assertThat(lines(url, """
                SELECT fact_id || ' ' || (payload->>'eventId') || ' ' || (payload->'recordedBy'->>'subject') || ' ' || COALESCE(payload->>'summary', '-')
                FROM facts ORDER BY fact_id"""))
                .as("each fact's recording event and author, in its row; the rest of the payload kept")
                .containsExactly("amended 00000000-0000-0000-0000-00000000000a alice -", "older 00000000-0000-0000-0000-00000000000c carol kept");
    }

    @Test
    void newDatabase_getsFromTheBaselineScript_exactlyTheSchemaAndRowsOfTheVersionedMigrations() throws Exception {
        String upgraded = database("through_versions");
        migrate(upgraded, "18");
        String created = database("from_baseline");
        Flyway.configure().dataSource(created, LocalPostgres.USER, LocalPostgres.PASSWORD).locations("classpath:db/migration")
                .target("18").load().migrate();

        assertThat(lines(created, "SELECT version || ' ' || type FROM flyway_schema_history ORDER BY installed_rank"))
                .as("the new database was made by the baseline script alone").containsExactly("18 SQL_BASELINE");
        assertThat(lines(upgraded, "SELECT count(*)::text FROM flyway_schema_history WHERE type = 'SQL'"))
                .as("the other by the eighteen versioned scripts").containsExactly("18");
        assertThat(lines(created, SCHEMA)).as("tables, columns, constraints and indexes").isNotEmpty()
                .containsExactlyElementsOf(lines(upgraded, SCHEMA));
        String rows = "SELECT 'stream_head ' || last_seq FROM stream_head UNION ALL SELECT 'search_position ' || last_seq FROM search_position";
        assertThat(lines(created, rows)).containsExactlyInAnyOrderElementsOf(lines(upgraded, rows)).hasSize(2);
    }

    private static List<String> lines(String url, String query) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
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

    /**
     * Through the versioned scripts up to {@code version}: an empty database would otherwise get
     * the baseline script (B18), whatever the target, so the baseline is switched off here.
     */
    private static void migrate(String url, String version) {
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD).locations("classpath:db/migration")
                .configuration(Map.of("flyway.baselineMigrationPrefix", "NoBaseline")).target(version).load().migrate();
    }
}
