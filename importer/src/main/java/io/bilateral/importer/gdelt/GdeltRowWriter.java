package io.bilateral.importer.gdelt;

import java.util.Arrays;

/**
 * Writes a row in GDELT 2.0's event export format from the fields the import reads, the others
 * filled as GDELT would (actor codes, root and base code, quad class, counts, tone, no
 * geography). For the tests and the benchmark, which need GDELT rows without GDELT's files;
 * {@link #columns(int)} cuts a row short.
 */
public final class GdeltRowWriter {

    private final String[] columns = new String[GdeltColumns.COUNT];
    private int keep = GdeltColumns.COUNT;

    public GdeltRowWriter(long globalEventId) {
        Arrays.fill(columns, "");
        columns[GdeltColumns.GLOBALEVENTID] = Long.toString(globalEventId);
        day("20250314");
        actor1("FRA", "FRANCE");
        actor2("DEU", "GERMANY");
        code("042");
        columns[25] = "1";                                  // IsRootEvent
        columns[30] = "1.9";                                // GoldsteinScale (GDELT's, not read)
        columns[31] = "10";                                 // NumMentions
        columns[32] = "2";                                  // NumSources
        columns[33] = "10";                                 // NumArticles
        columns[34] = "-1.25";                              // AvgTone
        columns[35] = columns[43] = columns[51] = "0";      // no geography
        columns[GdeltColumns.DATEADDED] = "20250314120000";
        url("https://news.example.org/2025/03/14/story-" + globalEventId + ".html");
    }

    public GdeltRowWriter eventId(String raw) {
        columns[GdeltColumns.GLOBALEVENTID] = raw;
        return this;
    }

    /** SQLDATE, YYYYMMDD (and the columns derived from it). */
    public GdeltRowWriter day(String yyyymmdd) {
        columns[GdeltColumns.SQLDATE] = yyyymmdd;
        columns[2] = yyyymmdd.length() >= 6 ? yyyymmdd.substring(0, 6) : yyyymmdd;   // MonthYear
        columns[3] = yyyymmdd.length() >= 4 ? yyyymmdd.substring(0, 4) : yyyymmdd;   // Year
        columns[4] = columns[3] + ".2000";                                            // FractionDate
        return this;
    }

    /** Actor1's country code and name (its actor code is the country code, as for a government). */
    public GdeltRowWriter actor1(String country, String name) {
        columns[5] = country.isEmpty() ? "" : country + "GOV";
        columns[GdeltColumns.ACTOR1_NAME] = name;
        columns[GdeltColumns.ACTOR1_COUNTRY] = country;
        return this;
    }

    public GdeltRowWriter actor2(String country, String name) {
        columns[15] = country.isEmpty() ? "" : country + "GOV";
        columns[GdeltColumns.ACTOR2_NAME] = name;
        columns[GdeltColumns.ACTOR2_COUNTRY] = country;
        return this;
    }

    /** EventCode, with its base and root code. */
    public GdeltRowWriter code(String cameo) {
        columns[GdeltColumns.EVENT_CODE] = cameo;
        columns[27] = cameo.length() > 3 ? cameo.substring(0, 3) : cameo;
        columns[28] = cameo.length() >= 2 ? cameo.substring(0, 2) : cameo;
        columns[29] = "1";
        return this;
    }

    public GdeltRowWriter url(String url) {
        columns[GdeltColumns.SOURCEURL] = url;
        return this;
    }

    /** Only the first {@code count} columns. */
    public GdeltRowWriter columns(int count) {
        keep = count;
        return this;
    }

    /** The row as a line of the export, without its line end. */
    public String line() {
        return String.join("\t", Arrays.copyOf(columns, keep));
    }
}
