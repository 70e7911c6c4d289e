package io.bilateral.events.cameo;

import io.bilateral.events.event.EventCoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The CAMEO event codebook shipped with the project as data (GDELT's lookup files, see the
 * README beside them): every code an {@code Interaction} may carry, and the coding derived from
 * it. A coding is never typed by hand: the score and the root come from here.
 */
public final class CameoCodebook {

    private static final String DATA = "/io/bilateral/events/cameo/";
    private static final Map<String, CameoCode> CODES = load();

    private CameoCodebook() {
    }

    public static Optional<CameoCode> find(String code) {
        return Optional.ofNullable(code).map(CODES::get);
    }

    public static boolean isKnown(String code) {
        return code != null && CODES.containsKey(code);
    }

    /** Every code, in the codebook's order. */
    public static Collection<CameoCode> all() {
        return CODES.values();
    }

    /** The coding of a known code: its score, root, quad class and its root's PLOVER category. */
    public static EventCoding coding(String code) {
        CameoCode c = find(code).orElseThrow(() -> new IllegalArgumentException("not a CAMEO code: " + code));
        return new EventCoding(c.code(), c.goldstein(), c.plover(), c.root(), c.quadClass());
    }

    private static Map<String, CameoCode> load() {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String[]> roots = new LinkedHashMap<>();
        read("CAMEO.eventcodes.txt", labels::put);
        read("CAMEO.goldsteinscale.txt", (code, score) -> scores.put(code, Double.valueOf(score)));
        read("roots.tsv", (root, rest) -> roots.put(root, rest.split("\t")));
        Map<String, CameoCode> codes = new LinkedHashMap<>();
        labels.forEach((code, label) -> {
            String[] root = roots.get(code.substring(0, 2));
            Double score = scores.get(code);
            if (root == null || score == null) {
                throw new IllegalStateException("the shipped codebook is incomplete at " + code);
            }
            codes.put(code, new CameoCode(code, label, code.substring(0, 2), Integer.parseInt(root[0]), score,
                    "-".equals(root[1]) ? null : root[1]));
        });
        return Collections.unmodifiableMap(codes);
    }

    /** Each line after the header (and comments) as its first column and the rest. */
    private static void read(String file, BiConsumer<String, String> line) {
        try (InputStream in = CameoCodebook.class.getResourceAsStream(DATA + file)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + DATA + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    int tab = l.indexOf('\t');
                    line.accept(l.substring(0, tab), l.substring(tab + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
