package io.bilateral.e2e;

import io.bilateral.events.cameo.CameoCode;
import io.bilateral.events.cameo.CameoCodebook;
import io.bilateral.importer.gdelt.GdeltRowWriter;
import io.bilateral.importer.gdelt.SkipReason;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A GDELT 2.0 event export of a given size, gzip-compressed, with a realistic mix and a known
 * outcome: in every 200 rows, 159 are between two states (among them Romania, East Timor and
 * Kosovo, written the CAMEO way), and the other 40 each have one defect the import skips, in
 * GDELT's proportions roughly (actors without a country most often, regions next, then rows
 * without a source), plus one row repeating an earlier one. Seeded: the same file every time.
 */
final class GdeltExportFile {

    /** CAMEO country codes of the generated states: ISO ones and three that the import renames. */
    private static final List<String> STATES = List.of("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "ZAF",
            "TUR", "IRN", "ISR", "PSE", "UKR", "POL", "BEL", "NLD", "ITA", "ESP", "CAN", "MEX", "AUS", "KOR", "PRK", "PAK",
            "AFG", "EGY", "SAU", "NGA", "KEN", "ETH", "ARG", "VNM", "IDN", "PHL", "TWN", "ROM", "TMP", "KSV");
    private static final List<String> REGIONS = List.of("EUR", "AFR", "WST", "MEA", "ASA", "LAM");
    private static final int BLOCK = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate FIRST_DAY = LocalDate.of(2015, 2, 18);
    private static final int DAYS = 3_970;

    /** What the import of the file must find. */
    record Expected(long rows, long importable, Map<SkipReason, Long> skipped, String firstImportableRow) {
    }

    private GdeltExportFile() {
    }

    static Expected write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        List<CameoCode> codes = List.copyOf(CameoCodebook.all());
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long importable = 0;
        String lastImportable = null;
        String firstImportable = null;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < rows; i++) {
                long id = 1_000_000_000L + i;
                String a = STATES.get(random.nextInt(STATES.size()));
                String b = STATES.get(random.nextInt(STATES.size()));
                while (b.equals(a)) {
                    b = STATES.get(random.nextInt(STATES.size()));
                }
                // Kosovo's facts start in 2008; every generated day is after.
                String day = FIRST_DAY.plusDays(random.nextInt(DAYS)).format(DAY);
                GdeltRowWriter row = new GdeltRowWriter(id).day(day).actor1(a, a + " OFFICIALS").actor2(b, b + " GOVERNMENT")
                        .code(codes.get(random.nextInt(codes.size())).code());
                int k = i % BLOCK;
                SkipReason defect = null;
                if (k < 16) {
                    row = k % 2 == 0 ? row.actor1("", "PROTESTERS") : row.actor2("", "MILITANTS");
                    defect = SkipReason.NO_COUNTRY;
                } else if (k < 24) {
                    row = row.actor2(REGIONS.get(k % REGIONS.size()), "REGION");
                    defect = SkipReason.NOT_A_STATE;
                } else if (k < 28) {
                    row = row.url("");
                    defect = SkipReason.NO_SOURCE_URL;
                } else if (k < 30) {
                    row = row.actor2(a, a + " OPPOSITION");
                    defect = SkipReason.SAME_ACTOR;
                } else if (k < 32) {
                    row = row.code("099");
                    defect = SkipReason.UNKNOWN_CAMEO_CODE;
                } else if (k < 34) {
                    row = row.day(day.substring(0, 6) + "32");
                    defect = SkipReason.BAD_DATE;
                } else if (k < 36) {
                    row = row.columns(58);
                    defect = SkipReason.TOO_FEW_COLUMNS;
                } else if (k < 38) {
                    row = row.url("www.example.org/no-scheme/" + id);
                    defect = SkipReason.BAD_SOURCE_URL;
                } else if (k < 39) {
                    row = row.actor1("KSV", "KOSOVO").actor2("SRB", "SERBIA").day("20060615");
                    defect = SkipReason.REFUSED_BY_RULES;
                } else if (k < 40) {
                    row = row.eventId("-" + id);
                    defect = SkipReason.BAD_EVENT_ID;
                } else if (k == BLOCK - 1) {
                    out.write(lastImportable);
                    out.write('\n');
                    skipped.merge(SkipReason.REPEATED_IN_FILE, 1L, Long::sum);
                    continue;
                }
                String line = row.line();
                out.write(line);
                out.write('\n');
                if (defect == null) {
                    importable++;
                    lastImportable = line;
                    firstImportable = firstImportable == null ? line : firstImportable;
                } else {
                    skipped.merge(defect, 1L, Long::sum);
                }
            }
        }
        return new Expected(rows, importable, skipped, firstImportable);
    }
}
