package io.bilateral.ingest.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.envelope.EventMetadata;
import io.bilateral.events.event.Certainty;
import io.bilateral.events.event.EventType;
import io.bilateral.events.event.FactRules;
import io.bilateral.events.event.RelationEvent;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a submitted JSON body into an event, or refuses it with every reason it finds, each
 * naming its field by JSON pointer. Pure logic: no I/O, so it is tested without a server.
 *
 * <p>Decisions: unknown fields are refused (a misspelt {@code ocurred} must not silently drop
 * a date); {@code recordedAt}, {@code coding} and {@code schemaVersion} are assigned by the
 * server and refused in a submission; {@code eventId} and {@code factId} may be chosen by the
 * client (a retried POST then carries the same id).
 */
public final class SubmissionReader {

    private static final Set<String> SERVER_ASSIGNED = Set.of(
            EventJson.RECORDED_AT, EventJson.CODING, EventJson.SCHEMA_VERSION, EventJson.RECORDED_BY);
    /** The envelope's fields and the ones every type shares, checked by hand above. */
    private static final Set<String> COMMON_FIELDS = Set.of("dyad", "occurred", "sources", "certainty", "summary");
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern FACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final ObjectMapper STRICT = strictMapper();
    /**
     * The id of an event sent without one: a UUID of version 7 (RFC 9562), whose leading bits are
     * the time. The read models' keys are the event id and the fact id (by default the dyad, then
     * the event id), so each dyad's new rows go to the end of its range in those indexes instead of
     * a random page of them: with random ids (version 4), a catch-up of 20,000 events on a log of
     * 420,000 wrote 2.7 times the full-page images into PostgreSQL's WAL and half as much WAL again
     * (BENCHMARKS.md, 2026-12-06). Thread-safe, and increasing within a millisecond too.
     */
    private static final NoArgGenerator EVENT_IDS = Generators.timeBasedEpochGenerator();
    /** Each type's own fields, with their readers (after STRICT, which builds them). */
    private static final Map<EventType, List<TypeField>> TYPE_FIELDS = typeFields();
    /** The fields a submission of each type may have. */
    private static final Map<EventType, Set<String>> KNOWN_FIELDS = knownFields();

    private final Clock clock;
    private final JsonLimits limits;
    private final JsonFactory bounded;
    private final ObjectReader body;

    /**
     * Jackson is lenient by default: it turns 42 into "42" and 6.5 into 6, and ignores what
     * follows the first JSON value. A submission that relies on any of that is wrong.
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = EventJson.mapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    public SubmissionReader(Clock clock) {
        this(clock, JsonLimits.DEFAULT);
    }

    public SubmissionReader(Clock clock, JsonLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.bounded = limits.applyTo(STRICT.getFactory());
        this.body = STRICT.reader().with(bounded);
    }

    /** The limits the parser checks as it reads (a batch's reader applies them to each event too). */
    public JsonLimits limits() {
        return limits;
    }

    /** Parses and validates one submission; throws {@link InvalidSubmissionException}. */
    public EventEnvelope read(String body) {
        JsonNode json;
        try {
            json = this.body.readTree(body);
        } catch (StreamConstraintsException e) {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            throw new InvalidSubmissionException(List.of(limits.violation(e, "", bounded, bytes, 0, bytes.length)));
        } catch (JsonProcessingException e) {
            throw new InvalidSubmissionException(List.of(new Violation("", "is not well-formed JSON: " + e.getOriginalMessage())));
        }
        return read(json, "");
    }

    /**
     * Validates one submission found at {@code base} (a JSON pointer prefix, "" for the body).
     * The tree is taken, not copied (every caller parsed it for this call alone): it is changed
     * as it is read (nulls cleaned out, the ids taken off).
     */
    public EventEnvelope read(JsonNode json, String base) {
        List<Violation> errors = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new InvalidSubmissionException(List.of(new Violation(base, "must be a JSON object (an event)")));
        }
        ObjectNode fact = (ObjectNode) json;
        clean(fact, Pointer.of(base), errors);

        EventType type = readType(fact, base, errors);
        UUID eventId = readEventId(fact, base, errors);
        String factId = readFactId(fact, base, errors);
        if (type != null && type.isCorrection() && factId == null && !fact.has(EventJson.FACT_ID)) {
            errors.add(new Violation(base + "/factId", "is required: a correction names the fact it corrects"));
        }
        for (String field : SERVER_ASSIGNED) {
            if (fact.has(field)) {
                errors.add(new Violation(base + "/" + field, "is assigned by the server; leave it out"));
            }
        }
        requireValid(fact, base, "dyad", true, errors, DyadId::parse);
        requireValid(fact, base, "occurred", type == null || type.occurredRequired(), errors, PartialDate::parse);
        requireValid(fact, base, "summary", false, errors, text -> text);
        checkCertainty(fact, base, errors);
        SourceRules.check(fact.get("sources"), base + "/sources", errors);
        // An amendment's new sources are held to the same rules as a fact's (no javascript: link can come in that way).
        if (type == EventType.FACT_AMENDED && fact.path("changes").hasNonNull("sources")) {
            SourceRules.check(fact.path("changes").get("sources"), base + "/changes/sources", errors);
        }
        if (type != null) {
            checkUnknownFields(fact, type, base, errors);
            // With other problems, the type's own fields are reported with them; otherwise the
            // binding below checks them, and they are gone through one by one only if it fails.
            if (!errors.isEmpty()) {
                checkTypeFields(fact, type, base, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }

        fact.remove(List.of(EventJson.EVENT_ID, EventJson.FACT_ID));
        RelationEvent event = bind(fact, type, base);
        List<Violation> inconsistent;
        try {
            inconsistent = FactRules.violations(event).stream().map(v -> new Violation(base + v.pointer(), v.detail())).toList();
        } catch (RuntimeException e) {
            // A rule that cannot even be evaluated is a refusal, never a 500.
            inconsistent = List.of(new Violation(base, "cannot be checked: " + e));
        }
        // The log orders events only within a dyad: a fact id shared by two dyads would make the
        // read models depend on how their partitions interleave. Every fact id starts with its
        // dyad, so no two dyads can share one, and a correction names a fact of its own dyad.
        String prefix = event.dyad().toString().toLowerCase(java.util.Locale.ROOT) + "-";
        if (factId != null && !factId.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
            inconsistent = new ArrayList<>(inconsistent);
            inconsistent.add(new Violation(base + "/factId", "must start with its dyad, '" + prefix + "' (a fact belongs to one dyad"
                    + (type.isCorrection() ? "; a correction names a fact of its own dyad)" : ")")));
        }
        if (!inconsistent.isEmpty()) {
            throw new InvalidSubmissionException(inconsistent);
        }
        UUID id = eventId != null ? eventId : EVENT_IDS.generate();
        // PostgreSQL keeps microseconds: truncate so every copy of the event says the same.
        Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return new EventEnvelope(new EventMetadata(id, factId != null ? factId : prefix + id, recordedAt), event);
    }

    /**
     * Before anything else: an explicit null is the same as an absent field (so a required
     * field sent as null is reported missing); a null inside an array, and the NUL character
     * anywhere (PostgreSQL cannot store it, and one such event would stall the projection),
     * are refused. A node's pointer is rendered only for a problem: most events have none, and
     * one built for every field of every event was 1.5 % of a bulk ingestion's CPU
     * (BENCHMARKS.md, "Levers tried: 2026-12-05, 05:40–07:27").
     */
    private static void clean(JsonNode node, Pointer at, List<Violation> errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().indexOf('\0') >= 0) {
                    errors.add(new Violation(at.field(field.getKey()).render(), "a field name must not contain the NUL character (U+0000)"));
                }
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    fields.remove();
                } else if (value.isContainerNode()) {
                    clean(value, at.field(field.getKey()), errors);
                } else if (hasNul(value)) {
                    errors.add(new Violation(at.field(field.getKey()).render(), NUL_IN_TEXT));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isNull()) {
                    errors.add(new Violation(at.index(i).render(), "must not be null"));
                } else if (element.isContainerNode()) {
                    clean(element, at.index(i), errors);
                } else if (hasNul(element)) {
                    errors.add(new Violation(at.index(i).render(), NUL_IN_TEXT));
                }
            }
        } else if (hasNul(node)) {
            errors.add(new Violation(at.render(), NUL_IN_TEXT));
        }
    }

    private static final String NUL_IN_TEXT = "must not contain the NUL character (U+0000)";

    private static boolean hasNul(JsonNode node) {
        return node.isTextual() && node.asText().indexOf('\0') >= 0;
    }

    /** A JSON pointer kept as its parent and last step, rendered when a problem names it. */
    private record Pointer(Pointer parent, String rendered, String field, int index) {

        static Pointer of(String base) {
            return new Pointer(null, base, null, -1);
        }

        Pointer field(String name) {
            return new Pointer(this, null, name, -1);
        }

        Pointer index(int i) {
            return new Pointer(this, null, null, i);
        }

        String render() {
            if (parent == null) {
                return rendered;
            }
            return parent.render() + "/" + (field != null ? escape(field) : Integer.toString(index));
        }
    }

    private static EventType readType(ObjectNode fact, String base, List<Violation> errors) {
        JsonNode type = fact.get(EventJson.TYPE);
        if (type == null || type.isNull()) {
            errors.add(new Violation(base + "/type", "is required: one of " + knownTypes()));
            return null;
        }
        if (!type.isTextual()) {
            errors.add(new Violation(base + "/type", "must be a string: one of " + knownTypes()));
            return null;
        }
        return EventType.byWireName(type.asText()).orElseGet(() -> {
            errors.add(new Violation(base + "/type", "'" + type.asText() + "' is not a known type: one of " + knownTypes()));
            return null;
        });
    }

    private static String knownTypes() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
    }

    private static UUID readEventId(ObjectNode fact, String base, List<Violation> errors) {
        JsonNode id = fact.get(EventJson.EVENT_ID);
        if (id == null) {
            return null;
        }
        try {
            if (id.isTextual()) {
                UUID uuid = UUID.fromString(id.asText());
                if (uuid.toString().equals(id.asText().toLowerCase())) {
                    return uuid;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        errors.add(new Violation(base + "/eventId", "must be a UUID such as 7d1f7a52-5b8e-4c8e-9a43-0f5f0e7f6a11"));
        return null;
    }

    private static String readFactId(ObjectNode fact, String base, List<Violation> errors) {
        JsonNode id = fact.get(EventJson.FACT_ID);
        if (id == null) {
            return null;
        }
        if (!id.isTextual() || !FACT_ID.matcher(id.asText()).matches()) {
            errors.add(new Violation(base + "/factId", "must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"));
            return null;
        }
        return id.asText();
    }

    private interface Parser {
        Object parse(String value);
    }

    private static void requireValid(ObjectNode fact, String base, String field, boolean required,
                                     List<Violation> errors, Parser parser) {
        JsonNode value = fact.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new Violation(base + "/" + field, "is required"));
            }
        } else if (!value.isTextual()) {
            errors.add(new Violation(base + "/" + field, "must be a string"));
        } else {
            try {
                parser.parse(value.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new Violation(base + "/" + field, e.getMessage()));
            }
        }
    }

    private static void checkCertainty(ObjectNode fact, String base, List<Violation> errors) {
        JsonNode c = fact.get("certainty");
        if (c != null && !c.isNull() && (!c.isTextual() || Arrays.stream(Certainty.values()).noneMatch(v -> v.name().equals(c.asText())))) {
            errors.add(new Violation(base + "/certainty", "must be one of " + names(Certainty.values())));
        }
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * The fields particular to the type, one at a time, so that every bad field is reported
     * (binding the whole event would stop at the first). Nested objects report their own
     * paths: {@code /mission/hostState}, {@code /visitor/name}.
     */
    private static void checkTypeFields(ObjectNode fact, EventType type, String base, List<Violation> errors) {
        for (TypeField field : TYPE_FIELDS.get(type)) {
            JsonNode value = fact.get(field.name());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    errors.add(new Violation(base + "/" + field.name(), "is required"));
                }
                continue;
            }
            try {
                field.reader().readValue(value);
            } catch (JsonMappingException e) {
                errors.add(violation(base + "/" + escape(field.name()), e));
            } catch (IOException e) {
                errors.add(new Violation(base + "/" + escape(field.name()), e.getMessage()));
            }
        }
    }

    /** A field particular to a type, and the reader that checks it (built once: a reader per event is costly). */
    private record TypeField(String name, boolean required, ObjectReader reader) {
    }

    private static Map<EventType, List<TypeField>> typeFields() {
        Map<EventType, List<TypeField>> fields = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            List<TypeField> own = new ArrayList<>();
            for (RecordComponent component : type.javaType().getRecordComponents()) {
                if (COMMON_FIELDS.contains(component.getName())) {
                    continue;
                }
                // @JsonProperty does not target record components: Java puts it on the accessor.
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                own.add(new TypeField(component.getName(), property != null && property.required(),
                        STRICT.readerFor(STRICT.getTypeFactory().constructType(component.getGenericType()))));
            }
            fields.put(type, List.copyOf(own));
        }
        return fields;
    }

    private static Map<EventType, Set<String>> knownFields() {
        Map<EventType, Set<String>> known = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            Set<String> names = new HashSet<>(Set.of(EventJson.TYPE, EventJson.EVENT_ID, EventJson.FACT_ID));
            names.addAll(SERVER_ASSIGNED);
            for (RecordComponent component : type.javaType().getRecordComponents()) {
                names.add(component.getName());
            }
            known.put(type, Set.copyOf(names));
        }
        return known;
    }

    private static void checkUnknownFields(ObjectNode fact, EventType type, String base, List<Violation> errors) {
        Set<String> known = KNOWN_FIELDS.get(type);
        for (Iterator<String> names = fact.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new Violation(base + "/" + escape(name), "is not a field of " + type.wireName()));
            }
        }
    }

    /**
     * Binds the fact, which checks each of the type's fields on the way: for a valid event (the
     * common case) that is the only pass over them. Binding stops at the first bad field, so when
     * it fails the fields are checked again one at a time, and every bad one is reported. (They
     * were checked one at a time before binding, every event: for the benchmark's events, 7 % of
     * this method's time and a tenth of its allocation, BENCHMARKS.md.)
     */
    private static RelationEvent bind(ObjectNode fact, EventType type, String base) {
        try {
            return STRICT.treeToValue(fact, RelationEvent.class);
        } catch (JsonProcessingException e) {
            List<Violation> each = new ArrayList<>();
            checkTypeFields(fact, type, base, each);
            if (!each.isEmpty()) {
                throw new InvalidSubmissionException(each);
            }
            throw new InvalidSubmissionException(List.of(e instanceof JsonMappingException m ? violation(base, m)
                    : new Violation(base, e.getOriginalMessage())));
        }
    }

    /** A Jackson error as a violation: the path inside the value, and a reason in plain words. */
    private static Violation violation(String at, JsonMappingException e) {
        String pointer = at + pointer(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return new Violation(pointer, "is not a field of " + u.getReferringClass().getSimpleName());
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return new Violation(pointer, "must be one of " + names((Enum<?>[]) f.getTargetType().getEnumConstants()));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return new Violation(pointer, e.getCause().getMessage());
        }
        Matcher missing = MISSING_PROPERTY.matcher(e.getOriginalMessage());
        if (missing.find()) {
            // Jackson's path sometimes names the missing property already, sometimes only its parent.
            String property = "/" + escape(missing.group(1));
            return new Violation(pointer.endsWith(property) ? pointer : pointer + property, "is required");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new Violation(pointer, "must be " + describe(m.getTargetType()));
        }
        return new Violation(pointer, e.getOriginalMessage());
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            p.append('/').append(ref.getFieldName() != null ? escape(ref.getFieldName()) : String.valueOf(ref.getIndex()));
        }
        return p.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isRecord() || com.fasterxml.jackson.databind.node.ObjectNode.class.isAssignableFrom(type)) {
            return "an object (" + type.getSimpleName() + ")";
        }
        return "a " + type.getSimpleName();
    }

    /** RFC 6901: '~' and '/' inside a name are escaped. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
