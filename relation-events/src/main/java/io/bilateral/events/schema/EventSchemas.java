package io.bilateral.events.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventType;
import io.bilateral.events.time.PartialDate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) for each event type, generated from the records themselves so
 * that schema and code never drift: what a client may submit (the server-assigned fields
 * {@code recordedAt}, {@code schemaVersion} and {@code coding} are not part of it). Partial
 * dates, dyads and actor codes are strings with their patterns; the finer rules (a real day
 * of the calendar, a known actor, a visit's host in the dyad) are the validator's.
 */
public final class EventSchemas {

    public static final String ID_BASE = "https://bilateral.io/schemas/";

    private static final Map<EventType, ObjectNode> SCHEMAS = generate();

    private EventSchemas() {
    }

    public static ObjectNode of(EventType type) {
        return SCHEMAS.get(type).deepCopy();
    }

    public static Map<EventType, ObjectNode> all() {
        return Collections.unmodifiableMap(SCHEMAS);
    }

    private static Map<EventType, ObjectNode> generate() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                EventJson.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // An optional field may be sent as null (it means absent); a required one may not.
        config.forFields().withNullableCheck(field -> {
            JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            return property == null || !property.required();
        });
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> erased = type.getErasedType();
            ObjectNode string = context.getGeneratorConfig().createObjectNode().put("type", "string");
            if (erased == PartialDate.class) {
                return new CustomDefinition(string.put("pattern", "^(\\d{4}(-\\d{2}(-\\d{2})?)?[?~%]?|\\.\\.)?(/(\\d{4}(-\\d{2}(-\\d{2})?)?[?~%]?|\\.\\.)?)?$")
                        .put("description", "EDTF date: 1971-10-25, 1991-04, 2019, 1950/1953, 2019~, 2024-04?, 1985/.."));
            }
            if (erased == DyadId.class) {
                return new CustomDefinition(string.put("pattern", "^[A-Z]{2,5}-[A-Z]{2,5}$")
                        .put("description", "two actor codes joined by '-', in either order: BEL-CHN"));
            }
            if (erased == ActorCode.class) {
                return new CustomDefinition(string.put("pattern", "^[A-Z]{2,5}$")
                        .put("description", "ISO 3166-1 alpha-3 code, or EU, UN, NATO, ASEAN, AU, WTO"));
            }
            return null;
        });
        SchemaGenerator generator = new SchemaGenerator(config.build());

        Map<EventType, ObjectNode> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            ObjectNode schema = generator.generateSchema(type.javaType());
            schema.put("$id", ID_BASE + type.wireName() + "/v" + type.schemaVersion());
            schema.put("title", type.wireName());
            ObjectNode properties = (ObjectNode) schema.get("properties");
            properties.putObject(EventJson.TYPE).put("const", type.wireName());
            properties.putObject(EventJson.EVENT_ID).put("type", "string").put("format", "uuid")
                    .put("description", "optional: chosen by the client, so that a retry is recognised (best a time-ordered UUID, version 7);"
                            + " without one, the server assigns a UUID of version 7");
            properties.putObject(EventJson.FACT_ID).put("type", "string").put("pattern", "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
                    .put("description", type.isCorrection() ? "the fact this corrects" : "optional: defaults to the event id");
            ArrayNode required = schema.withArray("required");
            java.util.Set<String> already = new java.util.HashSet<>();
            required.forEach(r -> already.add(r.asText()));
            for (String field : new String[] {EventJson.TYPE,
                    type.occurredRequired() ? "occurred" : null, type.isCorrection() ? EventJson.FACT_ID : null}) {
                if (field != null && already.add(field)) {
                    required.add(field);
                }
            }
            ((ObjectNode) properties.get("sources")).put("minItems", 1);
            schemas.put(type, schema);
        }
        return schemas;
    }
}
