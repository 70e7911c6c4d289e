package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.vertx.core.json.JsonArray;
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

    public static List<JsonObject> fold(List<StoredFact> facts) {
        Map<String, JsonObject> byFact = new LinkedHashMap<>();
        Map<String, JsonObject> latestByKind = new LinkedHashMap<>();
        List<JsonObject> measures = new ArrayList<>();
        java.util.Set<JsonObject> listed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        // Every imposition first: a step that names its measure joins it even when the step is
        // dated less precisely and so sorts before it ("2021" lifting "2021-12").
        for (StoredFact f : facts) {
            if ("IMPOSED".equals(f.event().getString("step"))) {
                byFact.put(f.factId(), measure(f, f.event()));
            }
        }
        for (StoredFact f : facts) {
            JsonObject e = f.event();
            String kind = e.getString("imposedBy") + ">" + e.getString("imposedOn") + "|" + e.getString("measure") + "|" + e.getString("goods", "");
            String step = e.getString("step");
            JsonObject measure = "IMPOSED".equals(step) ? byFact.get(f.factId())
                    : e.getString("measureFact") != null && byFact.containsKey(e.getString("measureFact"))
                    ? byFact.get(e.getString("measureFact")) : latestByKind.get(kind);
            if (measure == null) {
                measure = measure(f, e);
                byFact.put(f.factId(), measure);
            }
            if (listed.add(measure)) {
                measures.add(measure);
            }
            if ("IMPOSED".equals(step)) {
                latestByKind.put(kind, measure);
            }
            measure.getJsonArray("steps").add(RegisterResource.entry(f).put("step", step).put("description", e.getString("description")));
            // Once lifted, a measure stays lifted whatever step sorts after it.
            if (!"LIFTED".equals(measure.getString("status"))) {
                measure.put("status", switch (step) {
                    case "LIFTED" -> "LIFTED";
                    case "EASED" -> "EASED";
                    default -> "IN_FORCE";
                });
            }
            if ("LIFTED".equals(step)) {
                measure.put("lifted", f.occurred());
            }
        }
        return measures;
    }

    private static JsonObject measure(StoredFact f, JsonObject e) {
        return new JsonObject().put("factId", f.factId()).put("imposedBy", e.getString("imposedBy"))
                .put("imposedOn", e.getString("imposedOn")).put("measure", e.getString("measure"))
                .put("goods", e.getString("goods")).put("started", "IMPOSED".equals(e.getString("step")) ? f.occurred() : null)
                .put("steps", new JsonArray());
    }
}
