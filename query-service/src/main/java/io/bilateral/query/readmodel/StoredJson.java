package io.bilateral.query.readmodel;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Parts of a stored event (its sources, a person, its whole payload) as they go into an
 * answer's record: the stored JSON's own maps and lists, not decoded into the contract's
 * classes and encoded again. Each record component that holds one names its contract class
 * in {@code @Schema}, and ResponseSchemasTest checks that the answers match those schemas.
 */
public final class StoredJson {
    private StoredJson() {
    }

    public static Map<String, Object> map(JsonObject json) {
        return json == null ? null : json.getMap();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(JsonArray json) {
        return json == null ? null : (List<Map<String, Object>>) (List<?>) json.getList();
    }

    /** A value of any JSON type, as stored. */
    public static Object value(Object json) {
        return json instanceof JsonObject o ? o.getMap() : json instanceof JsonArray a ? a.getList() : json;
    }
}
