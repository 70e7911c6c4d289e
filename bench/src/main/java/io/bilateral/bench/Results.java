package io.bilateral.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of a run, each with the baseline it is compared to and the ratio, written as
 * a Markdown table and as raw JSON. A target is only a label here: whether it is met is read
 * off the figures, never asserted.
 */
final class Results {

    /** One figure; {@code baseline} and {@code ratio} are null when it has none. */
    record Figure(String bench, String name, double value, String unit, String baselineName, Double baseline,
                  Double ratio, String target, Boolean met, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    void context(String key, Object value) {
        context.put(key, value);
    }

    Figure add(String bench, String name, double value, String unit, String note) {
        return add(new Figure(bench, name, value, unit, null, null, null, null, null, note));
    }

    /**
     * A figure with its baseline: ratio = value / baseline for rates ({@code higherIsBetter}),
     * baseline / value for latencies (so above 1 is always better than the baseline).
     */
    Figure compare(String bench, String name, double value, String unit, String baselineName, double baseline,
                   boolean higherIsBetter, String target, Double minRatio, String note) {
        double ratio = higherIsBetter ? value / baseline : baseline / value;
        Boolean met = minRatio == null ? null : ratio >= minRatio;
        return add(new Figure(bench, name, value, unit, baselineName, baseline, ratio, target, met, note));
    }

    /** A figure against an absolute bound (latency at most, memory at most, ...). */
    Figure bound(String bench, String name, double value, String unit, double atMost, String target, String note) {
        return add(new Figure(bench, name, value, unit, null, null, null, target, value <= atMost, note));
    }

    private Figure add(Figure f) {
        figures.add(f);
        System.out.printf(Locale.ROOT, "[bench] %-28s %-44s %12s %-8s%s%n", f.bench(), f.name(), number(f.value()), f.unit(),
                f.ratio() == null ? "" : String.format(Locale.ROOT, "  %.2fx %s (%s %s)", f.ratio(), f.baselineName(),
                        number(f.baseline()), f.unit()));
        return f;
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("context", context);
        json.put("figures", figures);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
        StringBuilder md = new StringBuilder("| bench | figure | value | baseline (same run) | ratio | target | met |\n|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.bench()).append(" | ").append(f.name())
                    .append(f.note() == null ? "" : " (" + f.note() + ")")
                    .append(" | ").append(number(f.value())).append(' ').append(f.unit())
                    .append(" | ").append(f.baseline() == null ? "" : f.baselineName() + ": " + number(f.baseline()) + " " + f.unit())
                    .append(" | ").append(f.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f×", f.ratio()))
                    .append(" | ").append(f.target() == null ? "" : f.target())
                    .append(" | ").append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\nContext: ");
        context.forEach((k, v) -> md.append(k).append(" = ").append(v).append("; "));
        Files.writeString(dir.resolve("results.md"), md.append('\n').toString());
    }

    static String number(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
