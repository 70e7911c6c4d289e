package io.bilateral.bench;

import io.bilateral.importer.GdeltImport;
import io.bilateral.importer.ImportReport;
import io.bilateral.importer.gdelt.GdeltRowWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Benchmark 9: the GDELT import ({@code ./bilateral import --format gdelt}), rows per second from
 * the file to the log, chunks of 5,000 rows, the projection running alongside as it does for an
 * operator's import. Then the same file again: everything already known, nothing posted.
 */
final class ImportBench {

    private static final List<String> STATES = List.of("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "TUR",
            "IRN", "ISR", "UKR", "POL", "BEL", "NLD", "ITA", "ESP", "CAN", "MEX", "KOR", "PAK", "EGY", "NGA", "ROM");
    private static final List<String> CODES = List.of("010", "020", "036", "042", "043", "051", "057", "0211", "111", "112",
            "120", "130", "163", "172", "190");

    private final Target target;

    ImportBench(Target target) {
        this.target = target;
    }

    record Outcome(ImportReport first, ImportReport again) {
    }

    /**
     * Imports a generated export of {@code rows} rows (one in five without a country, as GDELT has
     * many), waits for {@code caughtUp} (the projection having applied it, so that every fact is
     * known), and imports it again.
     */
    Outcome run(int rows, Waiting caughtUp) throws Exception {
        Path dir = Files.createTempDirectory("bench-import");
        Path file = dir.resolve("export.CSV");
        try {
            write(file, rows);
            GdeltImport.Options options = new GdeltImport.Options(target.events(), target.queries(), target.token(),
                    GdeltImport.DEFAULT_CHUNK_ROWS, file);
            PrintStream progress = System.err;
            ImportReport first = GdeltImport.run(options, progress);
            caughtUp.await();
            return new Outcome(first, GdeltImport.run(options, progress));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    interface Waiting {
        void await() throws Exception;
    }

    private static void write(Path file, int rows) throws IOException {
        Random random = new Random(9);
        // GLOBALEVENTIDs of their own: a second run on the same system imports new facts too.
        long base = System.currentTimeMillis() * 1_000;
        LocalDate first = LocalDate.of(2015, 2, 18);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                String a = STATES.get(random.nextInt(STATES.size()));
                String b = STATES.get((STATES.indexOf(a) + 1 + random.nextInt(STATES.size() - 1)) % STATES.size());
                GdeltRowWriter row = new GdeltRowWriter(base + i)
                        .day(first.plusDays(random.nextInt(3_900)).format(DateTimeFormatter.BASIC_ISO_DATE))
                        .actor1(a, a + " OFFICIALS").actor2(i % 5 == 0 ? "" : b, b + " GOVERNMENT")
                        .code(CODES.get(random.nextInt(CODES.size())));
                out.write(row.line());
                out.write('\n');
            }
        }
    }
}
