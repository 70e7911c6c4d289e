package io.bilateral.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.DemoData;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document describes every read model's answer, and the answers match it: each
 * read's response is a schema of its own (never an untyped object), and what each read answers
 * over the demo data (both dyads, a corrected fact, a correction that conflicted, a retraction)
 * validates against the schema the document gives it. A typed client generated from the
 * document (api-client/) therefore reads every answer.
 *
 * <p>The operator's API ({@code /projection/*}, behind a token) and the explorer's own
 * configuration are not read models and are left out.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class ResponseSchemasTest implements ReadyFirst {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the schemas' references point: the document as served, loaded under a name of its own. */
    private static final String DOCUMENT = "https://bilateral.invalid/q/openapi.json";
    private static final String CORRECTED = "bel-chn-visit-zhu-rongji-1991";
    private static final String RETRACTED = "bel-chn-visit-qian-qichen-1992";
    private static final String TRADE = "bel-chn-trade-2013";

    /** Each read model's path in the document, and a request that answers with data. */
    private static final List<String[]> READS = List.of(
            new String[] {"/dyads", "/dyads"},
            new String[] {"/dyads/{dyad}", "/dyads/BEL-CHN"},
            new String[] {"/dyads/{dyad}", "/dyads/CHN-LTU"},
            new String[] {"/dyads/{dyad}/timeline", "/dyads/BEL-CHN/timeline?limit=5"},
            new String[] {"/dyads/{dyad}/timeline", "/dyads/BEL-CHN/timeline?includeRetracted=true&limit=200"},
            new String[] {"/dyads/{dyad}/timeline", "/dyads/CHN-LTU/timeline"},
            new String[] {"/dyads/{dyad}/visits", "/dyads/BEL-CHN/visits"},
            new String[] {"/dyads/{dyad}/trade", "/dyads/BEL-CHN/trade"},
            new String[] {"/dyads/{dyad}/incidents", "/dyads/BEL-CHN/incidents"},
            new String[] {"/dyads/{dyad}/missions", "/dyads/BEL-CHN/missions"},
            new String[] {"/dyads/{dyad}/missions", "/dyads/LTU-TWN/missions"},
            new String[] {"/dyads/{dyad}/people", "/dyads/BEL-CHN/people"},
            new String[] {"/dyads/{dyad}/scores", "/dyads/BEL-CHN/scores"},
            new String[] {"/dyads/{dyad}/scores", "/dyads/CHN-LTU/scores?by=month"},
            new String[] {"/dyads/{dyad}/memberships", "/dyads/CHN-LTU/memberships"},
            new String[] {"/dyads/{dyad}/measures", "/dyads/CHN-LTU/measures"},
            new String[] {"/dyads/{dyad}/disputes", "/dyads/CHN-LTU/disputes"},
            new String[] {"/dyads/{dyad}/representation", "/dyads/CHN-LTU/representation"},
            new String[] {"/facts/{factId}", "/facts/" + CORRECTED},
            new String[] {"/facts/{factId}", "/facts/" + RETRACTED},
            new String[] {"/facts/{factId}", "/facts/chn-ltu-customs-blockade"},
            new String[] {"/facts/{factId}", "/facts/" + TRADE},
            new String[] {"/search", "/search?q=embassy"},
            new String[] {"/people", "/people?name=Xi"},
            new String[] {"/actors", "/actors"},
            new String[] {"/actors/{code}/dyads", "/actors/CHN/dyads"},
            new String[] {"/cameo", "/cameo"},
            new String[] {"/cameo/{code}", "/cameo/046"},
            new String[] {"/events/stream/position", "/events/stream/position"});

    private static boolean loaded;

    @BeforeEach
    void loadTheDemoDataAndCorrectionsOnce() throws Exception {
        if (!loaded) {
            LogWriter.publishAndAwait(DemoData.events("belgium-china", "lithuania-china"));
            LogWriter.publishAndAwait(
                    of(CORRECTED, "{\"type\": \"FactAmended\", \"dyad\": \"BEL-CHN\", \"basedOnRevision\": 1, "
                            + "\"changes\": {\"office\": \"Vice-premier\"}, \"reason\": \"his office then\", " + SOURCE + "}"),
                    // Based on the revision the first correction replaced: kept as a conflict.
                    of(CORRECTED, "{\"type\": \"FactAmended\", \"dyad\": \"BEL-CHN\", \"basedOnRevision\": 1, "
                            + "\"changes\": {\"office\": \"Premier\"}, \"reason\": \"a second reading\", " + SOURCE + "}"),
                    of(RETRACTED, "{\"type\": \"FactRetracted\", \"dyad\": \"BEL-CHN\", \"basedOnRevision\": 1, "
                            + "\"reason\": \"ERRONEOUS\", \"note\": \"no such visit\", " + SOURCE + "}"),
                    // Recorded again under its id: a conflict with no current revision to name.
                    of(CORRECTED, "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-CHN\", \"occurred\": \"1991-04\", "
                            + "\"visitor\": {\"name\": \"Zhu Rongji\"}, \"visitingState\": \"CHN\", \"hostState\": \"BEL\", " + SOURCE + "}"),
                    // A figure corrected with a number written as text, which the contract's reader takes.
                    of(TRADE, "{\"type\": \"FactAmended\", \"dyad\": \"BEL-CHN\", \"basedOnRevision\": 1, "
                            + "\"changes\": {\"value\": \"27.5\"}, \"reason\": \"the later release\", " + SOURCE + "}"));
            LogWriter.awaitSearchIndexed();
            loaded = true;
        }
    }

    @Test
    void everyReadModel_hasAResponseSchemaOfItsOwn_andEveryOneIsExercisedHere() throws Exception {
        JsonNode document = document();
        Set<String> reads = new TreeSet<>();
        List<String> untyped = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode schema = operation.getValue().path("responses").path("200").path("content").path("application/json").path("schema");
            if (schema.isMissingNode() || path.getKey().startsWith("/projection") || path.getKey().equals("/explorer/config.json")) {
                return;
            }
            reads.add(path.getKey());
            JsonNode named = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
            JsonNode component = resolve(document, named);
            if (!named.has("$ref") || !component.path("properties").isObject() || component.path("properties").isEmpty()) {
                untyped.add(operation.getKey().toUpperCase() + " " + path.getKey() + ": " + schema);
            }
        }));
        assertThat(untyped).as("reads answering an untyped object").isEmpty();
        assertThat(document.path("components").path("schemas").has("JsonObject")).as("a JsonObject schema in the document").isFalse();
        Set<String> exercised = new TreeSet<>(READS.stream().map(r -> r[0]).toList());
        exercised.add("/facts/known");
        assertThat(exercised).as("the reads this test checks against the document").isEqualTo(reads);
    }

    @Test
    void everyReadModelsAnswer_overTheDemoData_validatesAgainstItsSchema() throws Exception {
        JsonNode document = document();
        JsonSchemaFactory factory = validatorsOf(document);
        List<String> failures = new ArrayList<>();
        for (String[] read : READS) {
            String body = given().get(read[1]).then().statusCode(200).extract().asString();
            check(factory, document, read[0], "get", read[1], body, failures);
        }
        String known = given().contentType(ContentType.JSON).body("[\"" + CORRECTED + "\", \"no-such-fact\"]")
                .post("/facts/known").then().statusCode(200).extract().asString();
        check(factory, document, "/facts/known", "post", "POST /facts/known", known, failures);
        assertThat(failures).isEmpty();
        // What the corrections above were for: a conflict without a current revision, and a figure stored as text.
        given().get("/facts/" + CORRECTED).then().body("conflicts.findAll { it.currentRevision == null }.size()",
                org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().get("/dyads/BEL-CHN/trade").then().body("trade.find { it.factId == '" + TRADE + "' }.value", org.hamcrest.Matchers.equalTo(27.5f));
    }

    /** A check of this test itself: an answer that breaks its schema is caught. */
    @Test
    void anAnswerThatBreaksItsSchema_isCaught() throws Exception {
        JsonNode document = document();
        JsonSchemaFactory factory = validatorsOf(document);
        List<String> failures = new ArrayList<>();
        check(factory, document, "/dyads/{dyad}/visits", "get", "a visit whose visitor is a number",
                "{\"dyad\": \"BEL-CHN\", \"visits\": [{\"factId\": \"x\", \"visitor\": 7}]}", failures);
        assertThat(failures).hasSize(1);
    }

    private static void check(JsonSchemaFactory factory, JsonNode document, String path, String method, String request,
                              String body, List<String> failures) throws Exception {
        JsonNode schema = document.path("paths").path(path).path(method).path("responses").path("200").path("content")
                .path("application/json").path("schema");
        JsonSchema validator = factory.getSchema(absolute(schema.deepCopy()));
        Set<ValidationMessage> errors = validator.validate(withoutNulls(JSON.readTree(body)));
        if (!errors.isEmpty()) {
            failures.add(request + ": " + errors);
        }
    }

    /** JSON Schema 2020-12 validators whose references resolve into the document (loaded under {@link #DOCUMENT}). */
    private static JsonSchemaFactory validatorsOf(JsonNode document) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, document.toString()))));
    }

    private static JsonNode document() throws Exception {
        return JSON.readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        return schema.has("$ref") ? document.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    /** The response's schema on its own, its references pointing into the document loaded under {@link #DOCUMENT}. */
    private static JsonNode absolute(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("$ref") && o.get("$ref").asText().startsWith("#")) {
                o.put("$ref", DOCUMENT + o.get("$ref").asText());
            }
            o.elements().forEachRemaining(ResponseSchemasTest::absolute);
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(ResponseSchemasTest::absolute);
        }
        return node;
    }

    /**
     * The answer with its null members left out. The document marks no member nullable (nor
     * required, but a person's name): a null member is read as an absent one, which is how a
     * generated client reads it.
     */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (member.getValue().isNull()) {
                    it.remove();
                } else {
                    withoutNulls(member.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(ResponseSchemasTest::withoutNulls);
        }
        return node;
    }
}
