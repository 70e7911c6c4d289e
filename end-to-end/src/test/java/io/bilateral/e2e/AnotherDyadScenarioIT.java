package io.bilateral.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * A new user records the well-documented 2021–2022 crisis between Lithuania and China through
 * the public API only, each fact in its proper type: Lithuania leaves the 17+1 format China
 * leads; China recalls its ambassador and both lower relations to chargé d'affaires level; a
 * customs blockade and import bans; the EU files a WTO dispute on Lithuania's behalf; and
 * Taiwan's representative office opens in Vilnius, recorded under Lithuania–Taiwan and shown in
 * Lithuania–China's timeline, corrections included.
 */
class AnotherDyadScenarioIT {

    private static final String SOURCE = "\"sources\": [{\"url\": \"https://en.wikipedia.org/wiki/China%E2%80%93Lithuania_relations\", "
            + "\"title\": \"China–Lithuania relations\", \"publisher\": \"Wikipedia\"}]";

    static E2eStack stack;
    static ServiceProcess events;
    static ServiceProcess queries;
    static String editor;

    @BeforeAll
    static void startSystem() {
        stack = E2eStack.start("AnotherDyadScenarioIT");
        editor = stack.editorToken();
        events = stack.startEventService();
        queries = stack.startQueryService();
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String post(String fact) {
        String body = fact.substring(0, fact.lastIndexOf('}')) + ", " + SOURCE + "}";
        return given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(body)
                .post("/events").then().statusCode(202).extract().path("factId");
    }

    /** Query-service answers asynchronously to the POSTs: each read waits, within a bound, for what it expects. */
    private static void eventually(String path, Consumer<ValidatableResponse> expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                expected.accept(given().baseUri(queries.url()).get(path).then().statusCode(200)));
    }

    @Test
    void theLithuaniaChinaCrisis_isRecordedInItsProperTypes_andReadBackFromTheRegisters() {
        post("""
                {"type": "DiplomaticRelationsEstablished", "dyad": "LTU-CHN", "occurred": "1991-09-14"}""");
        post("""
                {"type": "MembershipChanged", "dyad": "LTU-CHN", "occurred": "2021-05-22", "member": "LTU",
                 "organisation": "17+1 (Cooperation between China and Central and Eastern European Countries)", "ledBy": "CHN",
                 "change": "LEFT", "summary": "Lithuania leaves the 17+1 format"}""");
        post("""
                {"type": "Interaction", "dyad": "LTU-CHN", "occurred": "2021-08-10", "cameo": "1313", "actor": "CHN", "target": "LTU",
                 "description": "China demands that Lithuania recall its ambassador"}""");
        post("""
                {"type": "RepresentationChanged", "dyad": "LTU-CHN", "occurred": "2021-08-10", "sendingState": "CHN",
                 "receivingState": "LTU", "action": "AMBASSADOR_RECALLED", "envoy": {"name": "Shen Zhifei"}}""");
        post("""
                {"type": "RepresentationChanged", "dyad": "LTU-CHN", "occurred": "2021-11-21", "sendingState": "CHN",
                 "receivingState": "LTU", "action": "LEVEL_CHANGED", "level": "CHARGE_D_AFFAIRES", "bothWays": true,
                 "summary": "relations lowered to chargé d'affaires level"}""");
        post("""
                {"type": "EconomicMeasure", "dyad": "LTU-CHN", "occurred": "2021-12", "imposedBy": "CHN", "imposedOn": "LTU",
                 "measure": "CUSTOMS_OBSTRUCTION", "goods": "Lithuanian goods, and goods with Lithuanian parts", "step": "IMPOSED"}""");
        post("""
                {"type": "EconomicMeasure", "dyad": "LTU-CHN", "occurred": "2022-02", "imposedBy": "CHN", "imposedOn": "LTU",
                 "measure": "IMPORT_BAN", "goods": "beef, dairy and beer", "step": "IMPOSED"}""");
        post("""
                {"type": "LegalDispute", "dyad": "LTU-CHN", "occurred": "2022-01-27", "forum": "WTO", "caseId": "DS610",
                 "complainant": "EU", "respondent": "CHN", "onBehalfOf": "LTU", "step": "FILED", "alsoConcerns": ["CHN-EU"],
                 "summary": "the EU requests consultations with China over its measures against Lithuania"}""");
        String office = post("""
                {"type": "MissionOpened", "dyad": "LTU-TWN", "occurred": "2021-11-18", "alsoConcerns": ["LTU-CHN"],
                 "summary": "Taiwanese Representative Office opens in Vilnius",
                 "mission": {"kind": "REPRESENTATIVE_OFFICE", "sendingState": "TWN", "hostState": "LTU", "city": "Vilnius"}}""");

        eventually("/dyads/CHN-LTU/memberships", r -> r.body("current[0].status", equalTo("LEFT")).body("current[0].member", equalTo("LTU")));
        eventually("/dyads/CHN-LTU/representation", r -> r
                .body("changes.action", contains("AMBASSADOR_RECALLED", "LEVEL_CHANGED"))
                .body("current.level", contains("CHARGE_D_AFFAIRES", "CHARGE_D_AFFAIRES")));
        eventually("/dyads/CHN-LTU/measures", r -> r.body("measures.measure", contains("CUSTOMS_OBSTRUCTION", "IMPORT_BAN"))
                .body("measures.status", contains("IN_FORCE", "IN_FORCE")));
        eventually("/dyads/CHN-LTU/disputes", r -> r.body("disputes", hasSize(1)).body("disputes[0].forum", equalTo("WTO"))
                .body("disputes[0].complainant", equalTo("EU")).body("disputes[0].onBehalfOf", equalTo("LTU")));
        eventually("/dyads/CHN-LTU", r -> r.body("currentStatus", equalTo("ESTABLISHED"))
                .body("representation.level", contains("CHARGE_D_AFFAIRES", "CHARGE_D_AFFAIRES"))
                .body("countsByType.Interaction", equalTo(1)).body("factCount", equalTo(8)));
        // The interaction is scored from the codebook (1313 "threaten to reduce or break relations": -5.8).
        eventually("/dyads/CHN-LTU/timeline?type=Interaction", r -> r.body("facts[0].cameo", equalTo("1313"))
                .body("facts[0].goldstein", equalTo(-5.8f)));
        // The office, recorded under Lithuania–Taiwan, is on Lithuania–China's timeline, between the recall and the downgrade.
        eventually("/dyads/CHN-LTU/timeline", r -> r.body("facts.factId", hasItem(office))
                .body("facts.find { it.factId == '" + office + "' }.recordedUnder", equalTo("LTU-TWN"))
                .body("facts.occurred", contains("1991-09-14", "2021-05-22", "2021-08-10", "2021-08-10", "2021-11-18", "2021-11-21",
                        "2021-12", "2022-01-27", "2022-02")));
        // The EU's dispute is on the EU–China timeline too.
        eventually("/dyads/EU-CHN/timeline", r -> r.body("facts.type", contains("LegalDispute")).body("facts[0].recordedUnder", equalTo("CHN-LTU")));

        // A correction of the office, under its own dyad, shows in the concerned dyad's timeline.
        given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body("""
                {"type": "FactAmended", "dyad": "LTU-TWN", "factId": "%s", "basedOnRevision": 1,
                 "changes": {"summary": "The Taiwanese Representative Office in Lithuania opens in Vilnius"},
                 "reason": "the office's own name", %s}""".formatted(office, SOURCE))
                .post("/events").then().statusCode(202);
        eventually("/dyads/CHN-LTU/timeline", r -> r
                .body("facts.find { it.factId == '" + office + "' }.summary", containsString("in Lithuania opens"))
                .body("facts.find { it.factId == '" + office + "' }.revision", equalTo(2)));
        eventually("/search?q=Taiwanese&dyad=CHN-LTU", r -> r.body("hits.factId", hasItem(office)));
    }
}
