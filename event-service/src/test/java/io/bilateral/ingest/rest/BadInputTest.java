package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every kind of bad input gets a 4xx problem+json naming the field (a JSON pointer) and the
 * reason, and none of them puts a record in the log.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest implements ReadyFirst {

    static final String EDITOR = LocalJwtTestResource.token("editor");
    static final String SOURCE = "\"sources\": [{\"url\": \"https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations\"}]";
    static final String VISIT = "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-CHN\", \"occurred\": \"1991-04\", "
            + "\"visitor\": {\"name\": \"Zhu Rongji\"}, \"visitingState\": \"CHN\", \"hostState\": \"BEL\", " + SOURCE + "}";
    static final String TRADE = "{\"type\": \"TradeStatisticReported\", \"dyad\": \"BEL-CHN\", \"occurred\": \"2013\", "
            + "\"reporter\": \"BEL\", \"partner\": \"CHN\", \"flow\": \"TOTAL\", \"value\": 20200000000, \"currency\": \"EUR\", "
            + "\"partnerRank\": 6, \"sharePercent\": 4.1, " + SOURCE + "}";
    static final String MISSION = "{\"type\": \"MissionOpened\", \"dyad\": \"BEL-CHN\", \"occurred\": \"1972\", "
            + "\"mission\": {\"kind\": \"EMBASSY\", \"sendingState\": \"BEL\", \"hostState\": \"CHN\", \"city\": \"Beijing\"}, " + SOURCE + "}";
    static final String AMEND = "{\"type\": \"FactAmended\", \"factId\": \"bel-chn-trade-2013\", \"dyad\": \"BEL-CHN\", "
            + "\"basedOnRevision\": 1, \"changes\": {\"value\": 20300000000}, \"reason\": \"revised figure\", " + SOURCE + "}";
    static final String RETRACT = "{\"type\": \"FactRetracted\", \"factId\": \"bel-chn-trade-2008\", \"dyad\": \"BEL-CHN\", "
            + "\"basedOnRevision\": 1, \"reason\": \"ERRONEOUS\", " + SOURCE + "}";
    static final String CONFLICT = "{\"type\": \"ArmedConflict\", \"dyad\": \"BEL-CHN\", \"occurred\": \"1950/1953\", \"conflict\": \"Korean War\", "
            + "\"sides\": [{\"actor\": \"BEL\", \"force\": \"Belgian Volunteer Corps\"}, {\"actor\": \"CHN\", \"force\": \"People's Volunteer Army\"}], " + SOURCE + "}";
    static final String CYBER = "{\"type\": \"CyberIncident\", \"dyad\": \"BEL-CHN\", \"disclosed\": \"2024-04\", \"threatActor\": \"APT31\", "
            + "\"attributedTo\": \"CHN\", \"targets\": [\"lawmakers\"], " + SOURCE + "}";

    private Map<Integer, Long> before;

    @TestHTTPResource("/")
    URL root;

    static Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>();
        // --- the body as a whole
        bad(cases, "malformed JSON", "{\"type\": ", "");
        bad(cases, "empty body", "", "");
        bad(cases, "an array instead of an event", "[" + VISIT + "]", "");
        bad(cases, "a string instead of an event", "\"OfficialVisit\"", "");
        bad(cases, "null", "null", "");
        bad(cases, "trailing garbage", VISIT + " x", "");
        // --- type
        bad(cases, "missing type", VISIT.replace("\"type\": \"OfficialVisit\", ", ""), "/type");
        bad(cases, "type not a string", VISIT.replace("\"OfficialVisit\"", "7"), "/type");
        bad(cases, "unknown type", VISIT.replace("\"OfficialVisit\"", "\"Friendship\""), "/type");
        // --- dyad
        bad(cases, "missing dyad", VISIT.replace("\"dyad\": \"BEL-CHN\", ", ""), "/dyad");
        bad(cases, "lower-case dyad", VISIT.replace("BEL-CHN", "bel-chn"), "/dyad");
        bad(cases, "unknown actor", VISIT.replace("BEL-CHN", "BEL-XYZ"), "/dyad");
        bad(cases, "same actor twice", VISIT.replace("BEL-CHN", "BEL-BEL"), "/dyad");
        bad(cases, "three actors", VISIT.replace("BEL-CHN", "BEL-CHN-FRA"), "/dyad");
        bad(cases, "dyad not a string", VISIT.replace("\"BEL-CHN\"", "[\"BEL\", \"CHN\"]"), "/dyad");
        // --- occurred
        bad(cases, "missing date", VISIT.replace("\"occurred\": \"1991-04\", ", ""), "/occurred");
        bad(cases, "date in words", VISIT.replace("1991-04", "April 1991"), "/occurred");
        bad(cases, "impossible day", VISIT.replace("1991-04", "1991-02-30"), "/occurred");
        bad(cases, "month 13", VISIT.replace("1991-04", "2019-13"), "/occurred");
        bad(cases, "interval ending before it starts", VISIT.replace("1991-04", "1953/1950"), "/occurred");
        bad(cases, "date as a number", VISIT.replace("\"1991-04\"", "1991"), "/occurred");
        bad(cases, "padded timestamp", VISIT.replace("1991-04", "1991-04-01T00:00:00Z"), "/occurred");
        // --- sources
        bad(cases, "no sources", VISIT.replace(", " + SOURCE, ""), "/sources");
        bad(cases, "empty sources", VISIT.replace(SOURCE, "\"sources\": []"), "/sources");
        bad(cases, "sources not an array", VISIT.replace(SOURCE, "\"sources\": \"wikipedia\""), "/sources");
        bad(cases, "source without url", VISIT.replace(SOURCE, "\"sources\": [{\"title\": \"Wikipedia\"}]"), "/sources/0/url");
        bad(cases, "invalid url", VISIT.replace("https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations", "not a url"), "/sources/0/url");
        bad(cases, "ftp url", VISIT.replace("https://", "ftp://"), "/sources/0/url");
        bad(cases, "url not a string", VISIT.replace("\"https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations\"", "42"), "/sources/0/url");
        bad(cases, "bad published date", VISIT.replace("\"url\"", "\"published\": \"yesterday\", \"url\""), "/sources/0/published");
        bad(cases, "bad retrievedAt", VISIT.replace("\"url\"", "\"retrievedAt\": \"2026-13-01\", \"url\""), "/sources/0/retrievedAt");
        bad(cases, "unknown source field", VISIT.replace("\"url\"", "\"page\": 4, \"url\""), "/sources/0/page");
        bad(cases, "second source bad", VISIT.replace("}]}", "}, {\"url\": \"mailto:x@y.z\"}]}"), "/sources/1/url");
        // --- certainty, summary, ids, server-assigned and unknown fields
        bad(cases, "unknown certainty", VISIT.replace("\"type\"", "\"certainty\": \"RUMOURED\", \"type\""), "/certainty");
        bad(cases, "lower-case certainty", VISIT.replace("\"type\"", "\"certainty\": \"confirmed\", \"type\""), "/certainty");
        bad(cases, "summary not a string", VISIT.replace("\"type\"", "\"summary\": 42, \"type\""), "/summary");
        bad(cases, "unknown field", VISIT.replace("\"type\"", "\"ocurred\": \"1991\", \"type\""), "/ocurred");
        bad(cases, "recordedAt from the client", VISIT.replace("\"type\"", "\"recordedAt\": \"2026-01-01T00:00:00Z\", \"type\""), "/recordedAt");
        bad(cases, "schemaVersion from the client", VISIT.replace("\"type\"", "\"schemaVersion\": 2, \"type\""), "/schemaVersion");
        bad(cases, "coding from the client", VISIT.replace("\"type\"", "\"coding\": {\"cameo\": \"042\"}, \"type\""), "/coding");
        bad(cases, "eventId not a UUID", VISIT.replace("\"type\"", "\"eventId\": \"42\", \"type\""), "/eventId");
        bad(cases, "factId with spaces", VISIT.replace("\"type\"", "\"factId\": \"a fact\", \"type\""), "/factId");
        // --- type-specific fields
        bad(cases, "visit without visitor", VISIT.replace("\"visitor\": {\"name\": \"Zhu Rongji\"}, ", ""), "/visitor");
        bad(cases, "visitor without name", VISIT.replace("{\"name\": \"Zhu Rongji\"}", "{\"wikidataId\": \"Q1\"}"), "/visitor/name");
        bad(cases, "visitor as a string", VISIT.replace("{\"name\": \"Zhu Rongji\"}", "\"Zhu Rongji\""), "/visitor");
        bad(cases, "bad wikidata id", VISIT.replace("\"Zhu Rongji\"}", "\"Zhu Rongji\", \"wikidataId\": \"zhu\"}"), "/visitor");
        bad(cases, "unknown field in visitor", VISIT.replace("\"Zhu Rongji\"}", "\"Zhu Rongji\", \"born\": 1928}"), "/visitor/born");
        bad(cases, "unknown visiting state", VISIT.replace("\"visitingState\": \"CHN\"", "\"visitingState\": \"PRC\""), "/visitingState");
        bad(cases, "host outside the dyad", VISIT.replace("\"hostState\": \"BEL\"", "\"hostState\": \"FRA\""), "/hostState");
        bad(cases, "visiting and host the same", VISIT.replace("\"hostState\": \"BEL\"", "\"hostState\": \"CHN\""), "/hostState");
        bad(cases, "unknown mission kind", MISSION.replace("EMBASSY", "CASTLE"), "/mission/kind");
        bad(cases, "mission without city", MISSION.replace(", \"city\": \"Beijing\"", ""), "/mission/city");
        bad(cases, "mission host outside the dyad", MISSION.replace("\"hostState\": \"CHN\"", "\"hostState\": \"JPN\""), "/mission/hostState");
        bad(cases, "unknown currency", TRADE.replace("\"EUR\"", "\"EURO\""), "/currency");
        bad(cases, "share over 100 %", TRADE.replace("4.1", "140"), "/sharePercent");
        bad(cases, "negative trade value", TRADE.replace("20200000000", "-5"), "/value");
        bad(cases, "rank 0", TRADE.replace("\"partnerRank\": 6", "\"partnerRank\": 0"), "/partnerRank");
        bad(cases, "value as words", TRADE.replace("20200000000", "\"20.2 bn\""), "/value");
        bad(cases, "unknown flow", TRADE.replace("TOTAL", "BARTER"), "/flow");
        bad(cases, "rank as a fraction", TRADE.replace("\"partnerRank\": 6", "\"partnerRank\": 6.5"), "/partnerRank");
        bad(cases, "conflict with one side", CONFLICT.replace(", {\"actor\": \"CHN\", \"force\": \"People's Volunteer Army\"}", ""), "/sides");
        bad(cases, "incident without any date", CYBER.replace("\"disclosed\": \"2024-04\", ", ""), "/occurred");
        bad(cases, "incident without targets", CYBER.replace("[\"lawmakers\"]", "[]"), "/targets");
        bad(cases, "amendment without factId", AMEND.replace("\"factId\": \"bel-chn-trade-2013\", ", ""), "/factId");
        bad(cases, "factId of another dyad", VISIT.replace("\"type\"", "\"factId\": \"bel-jpn-visit\", \"type\""), "/factId");
        bad(cases, "correction of another dyad's fact", AMEND.replace("bel-chn-trade-2013", "bel-jpn-trade-2013"), "/factId");
        bad(cases, "amendment on revision 0", AMEND.replace("\"basedOnRevision\": 1", "\"basedOnRevision\": 0"), "/basedOnRevision");
        bad(cases, "amendment changing the dyad", AMEND.replace("{\"value\": 20300000000}", "{\"dyad\": \"BEL-FRA\"}"), "/changes");
        bad(cases, "amendment bringing a javascript: source", AMEND.replace("{\"value\": 20300000000}",
                "{\"sources\": [{\"url\": \"javascript:alert(1)\", \"title\": \"Reuters\"}]}"), "/changes/sources/0/url");
        bad(cases, "who recorded it, claimed in the body", VISIT.replace("\"type\"", "\"recordedBy\": {\"subject\": \"someone-else\"}, \"type\""), "/recordedBy");
        bad(cases, "amendment changing who recorded the fact", AMEND.replace("{\"value\": 20300000000}", "{\"recordedBy\": {\"subject\": \"x\"}}"), "/changes");
        bad(cases, "amendment changes not an object", AMEND.replace("{\"value\": 20300000000}", "\"value\""), "/changes");
        bad(cases, "unknown retraction reason", RETRACT.replace("ERRONEOUS", "BORING"), "/reason");
        bad(cases, "superseded without successor", RETRACT.replace("ERRONEOUS", "SUPERSEDED"), "/supersededBy");
        bad(cases, "NUL character in a text", VISIT.replace("Zhu Rongji", "Zhu\\u0000Rongji"), "/visitor/name");
        bad(cases, "null inside an array", CONFLICT.replace("[{\"actor\": \"BEL\"", "[null, {\"actor\": \"BEL\""), "/sides/0");
        bad(cases, "null for a required nested field", MISSION.replace("\"kind\": \"EMBASSY\"", "\"kind\": null"), "/mission/kind");
        bad(cases, "null for a required field", VISIT.replace("\"visitor\": {\"name\": \"Zhu Rongji\"}", "\"visitor\": null"), "/visitor");
        bad(cases, "null signatory", "{\"type\": \"MultilateralStatement\", \"dyad\": \"BEL-CHN\", \"occurred\": \"2019-07\", "
                + "\"forum\": \"UNHRC\", \"signatories\": [null], \"subject\": \"Uyghurs\", " + SOURCE + "}", "/signatories/0");
        // --- the vocabulary beyond the seed: CAMEO codes, former states, facts concerning other dyads
        String interaction = "{\"type\": \"Interaction\", \"dyad\": \"CHN-LTU\", \"occurred\": \"2021-08-10\", \"cameo\": \"1313\", "
                + "\"actor\": \"CHN\", \"target\": \"LTU\", " + SOURCE + "}";
        bad(cases, "unknown CAMEO code", interaction.replace("1313", "1399"), "/cameo");
        bad(cases, "interaction with a third party as target", interaction.replace("\"target\": \"LTU\"", "\"target\": \"TWN\""), "/target");
        bad(cases, "a Soviet fact dated after 1991", VISIT.replace("BEL-CHN", "SUN-CHN").replace("\"occurred\": \"1991-04\"", "\"occurred\": \"1995\"")
                .replace("\"hostState\": \"BEL\"", "\"hostState\": \"SUN\""), "/occurred");
        bad(cases, "Kosovo before 2008", "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"XKX-ALB\", \"occurred\": \"2001\", " + SOURCE + "}", "/occurred");
        bad(cases, "alsoConcerns naming its own dyad", interaction.replace("\"type\"", "\"alsoConcerns\": [\"LTU-CHN\"], \"type\""), "/alsoConcerns/0");
        bad(cases, "economic measure imposed on itself", "{\"type\": \"EconomicMeasure\", \"dyad\": \"CHN-LTU\", \"occurred\": \"2021-12\", "
                + "\"imposedBy\": \"CHN\", \"imposedOn\": \"CHN\", \"measure\": \"CUSTOMS_OBSTRUCTION\", \"step\": \"IMPOSED\", " + SOURCE + "}", "/imposedOn");
        bad(cases, "level change without its level", "{\"type\": \"RepresentationChanged\", \"dyad\": \"CHN-LTU\", \"occurred\": \"2021-11-21\", "
                + "\"sendingState\": \"CHN\", \"receivingState\": \"LTU\", \"action\": \"LEVEL_CHANGED\", " + SOURCE + "}", "/level");
        bad(cases, "dispute none of whose parties is in the dyad", "{\"type\": \"LegalDispute\", \"dyad\": \"CHN-LTU\", \"occurred\": \"2022-01-27\", "
                + "\"forum\": \"WTO\", \"caseId\": \"DS610\", \"complainant\": \"EU\", \"respondent\": \"USA\", \"step\": \"FILED\", " + SOURCE + "}", "/dyad");
        // --- the JSON reader's limits (bilateral.limits.max-json-depth 32, max-number-chars 64)
        bad(cases, "nested deeper than 32 levels", VISIT.replace("\"visitingState\": \"CHN\"",
                "\"visitingState\": " + "[".repeat(40) + "\"CHN\"" + "]".repeat(40)), "/visitingState" + "/0".repeat(31));
        bad(cases, "a number of 100 digits", VISIT.replace("\"occurred\": \"1991-04\"", "\"occurred\": 1" + "0".repeat(99)), "/occurred");
        return cases.stream();
    }

    private static void bad(List<Arguments> cases, String name, String body, String pointer) {
        cases.add(Arguments.of(name, body, pointer));
    }

    /** Where the log ends before the first case (after {@link ReadyFirst}: the topic exists). */
    @BeforeEach
    void markTheLogOnce() {
        if (before == null) {
            before = TopicRecords.ends(TestStackResource.stack().kafkaBootstrapServers());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInput_is400ProblemJson_namingTheField(String name, String body, String pointer) {
        given().auth().oauth2(EDITOR).contentType("application/json").body(body)
                .when().post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.pointer", hasItem(pointer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputInABatch_isNamedWithItsIndex(String name, String body, String pointer) {
        if (pointer.isEmpty()) {
            return; // a malformed element breaks the array itself; covered by BatchResourceTest
        }
        given().auth().oauth2(EDITOR).contentType("application/json").body("[" + VISIT + ", " + body + "]")
                .when().post("/events/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/1" + pointer));
    }

    @org.junit.jupiter.api.Test
    void oversizedEvent_is413_andWrongMediaType_is415() {
        given().auth().oauth2(EDITOR).contentType("application/json").body(VISIT.replace("Zhu Rongji", "Z".repeat(20_000)))
                .post("/events").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).contentType("text/plain").body(VISIT)
                .post("/events").then().statusCode(415).contentType("application/problem+json");
    }

    /** After every case: one event accepted now is the only record the class added to the log. */
    @AfterAll
    void noBadInputReachedTheLog() {
        assertNotNull(before, "no case ran, so the log was never marked");
        // RestAssured's port is set only around each test; here it comes from the injected URL.
        Response barrier = given().baseUri(root.toString()).auth().oauth2(EDITOR)
                .contentType("application/json").body(VISIT).post("/events").then().statusCode(202).extract().response();
        TopicRecords.assertOnlyTheBarrierSince(TestStackResource.stack().kafkaBootstrapServers(), before,
                barrier.path("partition"), ((Number) barrier.path("offset")).longValue());
    }
}
