package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EconomicMeasure facts folded, in timeline order, into measures: each imposition is a measure,
 * and an extension, easing or lifting joins the measure it names ({@code measureFact}), else the
 * latest earlier measure with the same sides, kind and goods. A step that matches none is shown
 * as a measure of its own (its imposition was not recorded).
 */
public final class MeasureSteps {

    public static final String TYPE = "EconomicMeasure";

    private MeasureSteps() {
    }

    public static List<Measures.Measure> fold(List<StoredFact> facts) {
        Map<String, Folding> byFact = new LinkedHashMap<>();
        Map<String, Folding> latestByKind = new LinkedHashMap<>();
        List<Folding> measures = new ArrayList<>();
        java.util.Set<Folding> listed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        // Every imposition first: a step that names its measure joins it even when the step is
        // dated less precisely and so sorts before it ("2021" lifting "2021-12").
        for (StoredFact f : facts) {
            if ("IMPOSED".equals(f.text("step"))) {
                byFact.put(f.factId(), new Folding(f));
            }
        }
        for (StoredFact f : facts) {
            JsonObject e = f.event();
            String kind = e.getString("imposedBy") + ">" + e.getString("imposedOn") + "|" + e.getString("measure") + "|" + e.getString("goods", "");
            String step = e.getString("step");
            Folding measure = "IMPOSED".equals(step) ? byFact.get(f.factId())
                    : e.getString("measureFact") != null && byFact.containsKey(e.getString("measureFact"))
                    ? byFact.get(e.getString("measureFact")) : latestByKind.get(kind);
            if (measure == null) {
                measure = new Folding(f);
                byFact.put(f.factId(), measure);
            }
            if (listed.add(measure)) {
                measures.add(measure);
            }
            if ("IMPOSED".equals(step)) {
                latestByKind.put(kind, measure);
            }
            measure.steps.add(new Measures.Step(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(), f.sources(),
                    step, e.getString("description")));
            // Once lifted, a measure stays lifted whatever step sorts after it.
            if (!"LIFTED".equals(measure.status)) {
                measure.status = switch (step) {
                    case "LIFTED" -> "LIFTED";
                    case "EASED" -> "EASED";
                    default -> "IN_FORCE";
                };
            }
            if ("LIFTED".equals(step)) {
                measure.lifted = f.occurred();
            }
        }
        return measures.stream().map(Folding::measure).toList();
    }

    /** A measure while its steps are folded in, from the fact that imposed it (or its first step when that was not recorded). */
    private static final class Folding {
        private final StoredFact first;
        private final List<Measures.Step> steps = new ArrayList<>();
        private String status;
        private String lifted;

        Folding(StoredFact first) {
            this.first = first;
        }

        Measures.Measure measure() {
            return new Measures.Measure(first.factId(), first.text("imposedBy"), first.text("imposedOn"), first.text("measure"),
                    first.text("goods"), "IMPOSED".equals(first.text("step")) ? first.occurred() : null, status, lifted, List.copyOf(steps));
        }
    }
}
