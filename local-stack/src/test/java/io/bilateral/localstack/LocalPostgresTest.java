package io.bilateral.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {

    @TempDir
    Path dir;

    /** A Unix socket path may be 107 bytes at most; a deep checkout must not stop the server. */
    @Test
    void postgres_starts_whenItsDataDirectoryIsDeeperThanAUnixSocketPathMayBe() throws Exception {
        // Traversable by others, like a checkout: as root the server runs as user postgres.
        var traversable = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path parent = Files.createDirectories(dir.resolve("a-directory-name-long-enough-that-the-socket-path-would-exceed-the-limit")
                .resolve("and-one-more-level-to-be-sure"), traversable);
        Files.setPosixFilePermissions(parent.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Path deep = parent.resolve("postgres");
        assertTrue(deep.toAbsolutePath().toString().length() > 107, "the test path must be deeper than the limit");

        try (LocalPostgres pg = LocalPostgres.start(deep, 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            assertTrue(rs.next());
            assertTrue(LocalPostgres.DATABASE.equals(rs.getString(1)));
        }
    }

    @Test
    void settingsAnOperatorAdds_reachTheServer() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        try (LocalPostgres pg = LocalPostgres.start(dir.resolve("postgres"), 0, LocalPostgres.settings("shared_buffers=48MB  work_mem=7MB"));
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT current_setting('shared_buffers'), current_setting('work_mem'), current_setting('max_wal_size')")) {
            assertTrue(rs.next());
            assertEquals("48MB", rs.getString(1));
            assertEquals("7MB", rs.getString(2));
            // The stack's own setting stays where the operator set others.
            assertEquals("4GB", rs.getString(3));
        }
    }

    /** The stack lets the WAL grow to 4 GB between checkpoints (PostgreSQL's default is 1 GB); an operator's value wins. */
    @Test
    void theWalMayGrowTo4GBBetweenCheckpoints_unlessTheOperatorSetsItsSize() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        try (LocalPostgres pg = LocalPostgres.start(dir.resolve("postgres"), 0, LocalPostgres.settings("max_wal_size=2GB"));
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('max_wal_size')")) {
            assertTrue(rs.next());
            assertEquals("2GB", rs.getString(1));
        }
    }

    @Test
    void settings_areNameValuePairs_inTheirOrder_noneWhenUnset() {
        assertEquals(Map.of(), LocalPostgres.settings(null));
        assertEquals(Map.of(), LocalPostgres.settings("  "));
        assertEquals("[shared_buffers=1GB, max_wal_size=4GB]",
                LocalPostgres.settings(" shared_buffers=1GB\tmax_wal_size=4GB ").entrySet().toString());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LocalPostgres.settings("fsync"));
        assertTrue(refused.getMessage().contains("'fsync' is not name=value"), refused.getMessage());
    }
}
