package io.bilateral.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' facts: official visits over many dyads, each about 500 bytes of JSON (the
 * size the baselines use), valid for event-service, every one a new fact.
 */
final class Facts {

    private static final String[] STATES = {"AUT", "BEL", "BGR", "CAN", "CHE", "CHN", "CZE", "DEU", "DNK", "ESP",
            "EST", "FIN", "FRA", "GBR", "GRC", "HUN", "IRL", "ITA", "JPN", "KOR", "LTU", "LUX", "LVA", "MEX",
            "NLD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "SWE", "TUR", "USA", "IND", "BRA"};
    private static final String SUMMARY = "A working visit on trade, research cooperation and consular matters, "
            + "with a joint press conference and the signing of a memorandum on student exchanges.";

    private final AtomicLong next = new AtomicLong();
    private final List<String> dyads;
    private final String run;

    Facts(int dyads, String run) {
        this.dyads = dyads(dyads);
        this.run = run;
    }

    /** The first n dyads of the pairs of the states above, in canonical form. */
    static List<String> dyads(int n) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < STATES.length && all.size() < n; i++) {
            for (int j = i + 1; j < STATES.length && all.size() < n; j++) {
                String a = STATES[i];
                String b = STATES[j];
                all.add(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
            }
        }
        if (all.size() < n) {
            throw new IllegalArgumentException("at most " + all.size() + " dyads");
        }
        return all;
    }

    List<String> dyads() {
        return dyads;
    }

    /** The next fact, on the next dyad in turn. */
    String next() {
        long n = next.getAndIncrement();
        return on(dyads.get((int) (n % dyads.size())), n);
    }

    /** The next fact with the event id given (so that its fact id is known before event-service answers). */
    String next(java.util.UUID eventId) {
        String fact = next();
        return "{\"eventId\":\"" + eventId + "\"," + fact.substring(1);
    }

    /** event-service's default fact id: the dyad in lower case, then the event id. */
    static String factId(String fact, java.util.UUID eventId) {
        return dyad(fact).toLowerCase(java.util.Locale.ROOT) + "-" + eventId;
    }

    /** The fact's dyad, as written by {@link #on}. */
    static String dyad(String fact) {
        int at = fact.indexOf("\"dyad\":\"") + 8;
        return fact.substring(at, at + 7);
    }

    String on(String dyad, long n) {
        String visiting = dyad.substring(0, 3);
        String host = dyad.substring(4);
        int year = 1950 + (int) (n % 70);
        int month = 1 + (int) (n % 12);
        return "{\"type\":\"OfficialVisit\",\"dyad\":\"" + dyad + "\",\"occurred\":\"" + year + "-" + (month < 10 ? "0" : "") + month
                + "\",\"visitor\":{\"name\":\"Visitor " + run + "-" + n + "\"},\"office\":\"Minister of Foreign Affairs\","
                + "\"visitingState\":\"" + visiting + "\",\"hostState\":\"" + host + "\",\"certainty\":\"REPORTED\","
                + "\"summary\":\"" + SUMMARY + "\",\"sources\":[{\"url\":\"https://example.org/bench/" + run + "/" + n
                + "\",\"title\":\"Benchmark source\",\"publisher\":\"Bilateral bench\",\"locator\":\"paragraph 3\"}]}";
    }

    /** n facts as one JSON array (a batch). */
    String array(int n) {
        StringBuilder b = new StringBuilder(n * 560).append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(next());
        }
        return b.append(']').toString();
    }

    /** n facts as JSON lines (a streamed batch). */
    String lines(int n) {
        StringBuilder b = new StringBuilder(n * 560);
        for (int i = 0; i < n; i++) {
            b.append(next()).append('\n');
        }
        return b.toString();
    }
}
