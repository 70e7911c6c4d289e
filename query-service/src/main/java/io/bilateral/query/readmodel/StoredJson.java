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

    /**
     * A number as stored, or null. A correction's changes are merged into the stored event as
     * they were sent, and the contract's reader takes "123" for a number: such a value is
     * answered as the number it stands for. Anything else that is not a number is null.
     */
    public static Number number(Object json) {
        if (json instanceof Number n) {
            return n;
        }
        if (json instanceof String text) {
            try {
                return new java.math.BigDecimal(text.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }
}
