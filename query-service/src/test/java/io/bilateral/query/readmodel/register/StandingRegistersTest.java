package io.bilateral.query.readmodel.register;

import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Interactions are coded from the codebook and counted like any fact; memberships, economic
 * measures, legal disputes and representation each fold into a register; the summary shows the
 * current level of representation each way.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class StandingRegistersTest implements ReadyFirst {


    private static String withSource(String json) {
        return json.substring(0, json.lastIndexOf('}')) + ", " + SOURCE + "}";
    }

    @Test
    void anInteraction_carriesTheCodebooksScore_inTheTimelineAndTheBalance_andAnAmendedCodeMovesIt() {
        LogWriter.publishAndAwait(
                of("est-rus-talks", withSource("""
                        {"type": "Interaction", "dyad": "EST-RUS", "occurred": "2020-02-18", "cameo": "046", "actor": "EST", "target": "RUS",
                         "description": "border treaty talks"}""")),
                of("est-rus-expulsion", withSource("""
                        {"type": "Interaction", "dyad": "EST-RUS", "occurred": "2022-01", "cameo": "174", "actor": "RUS", "target": "EST"}""")));
        given().get("/dyads/EST-RUS/timeline").then().statusCode(200)
                .body("facts.cameo", contains("046", "174"))
                .body("facts.goldstein", contains(7.0f, -5.0f));
        given().get("/dyads/EST-RUS").then().statusCode(200)
                .body("countsByType.Interaction", equalTo(2))
                .body("balance.cooperation", equalTo(7.0f))
                .body("balance.conflict", equalTo(-5.0f));

        // The talks were in fact a telephone call (041, +1.0): the score and the balance follow the code.
        LogWriter.publishAndAwait(of("est-rus-talks", withSource("""
                {"type": "FactAmended", "dyad": "EST-RUS", "basedOnRevision": 1, "changes": {"cameo": "041"}, "reason": "it was a call"}""")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/dyads/EST-RUS").then().statusCode(200)
                .body("balance.cooperation", equalTo(1.0f)).body("balance.cooperative", equalTo(1)));
        given().get("/facts/est-rus-talks").then().statusCode(200)
                .body("current.cameo", equalTo("041")).body("current.coding.goldstein", equalTo(1.0f)).body("current.coding.root", equalTo("04"));
    }

    @Test
    void memberships_measures_disputes_andRepresentation_eachHaveTheirRegister() {
        LogWriter.publishAndAwait(
                of("chn-ltu-leaves-17plus1", withSource("""
                        {"type": "MembershipChanged", "dyad": "CHN-LTU", "occurred": "2021-05", "member": "LTU",
                         "organisation": "17+1", "ledBy": "CHN", "change": "LEFT"}""")),
                of("chn-ltu-ambassador-recalled", withSource("""
                        {"type": "RepresentationChanged", "dyad": "CHN-LTU", "occurred": "2021-08-10", "sendingState": "CHN",
                         "receivingState": "LTU", "action": "AMBASSADOR_RECALLED"}""")),
                of("chn-ltu-charge", withSource("""
                        {"type": "RepresentationChanged", "dyad": "CHN-LTU", "occurred": "2021-11-21", "sendingState": "CHN",
                         "receivingState": "LTU", "action": "LEVEL_CHANGED", "level": "CHARGE_D_AFFAIRES", "bothWays": true}""")),
                of("chn-ltu-customs", withSource("""
                        {"type": "EconomicMeasure", "dyad": "CHN-LTU", "occurred": "2021-12", "imposedBy": "CHN", "imposedOn": "LTU",
                         "measure": "CUSTOMS_OBSTRUCTION", "goods": "all Lithuanian goods", "step": "IMPOSED"}""")),
                of("chn-ltu-timber", withSource("""
                        {"type": "EconomicMeasure", "dyad": "CHN-LTU", "occurred": "2022-02", "imposedBy": "CHN", "imposedOn": "LTU",
                         "measure": "IMPORT_BAN", "goods": "beef, dairy and beer", "step": "IMPOSED"}""")),
                of("chn-ltu-customs-lifted", withSource("""
                        {"type": "EconomicMeasure", "dyad": "CHN-LTU", "occurred": "2023-03", "imposedBy": "CHN", "imposedOn": "LTU",
                         "measure": "CUSTOMS_OBSTRUCTION", "step": "LIFTED", "measureFact": "chn-ltu-customs"}""")),
                of("chn-ltu-wine-ban", withSource("""
                        {"type": "EconomicMeasure", "dyad": "CHN-LTU", "occurred": "2022-06", "imposedBy": "CHN", "imposedOn": "LTU",
                         "measure": "IMPORT_BAN", "goods": "wine", "step": "IMPOSED"}""")),
                of("chn-ltu-wine-ban-lifted", withSource("""
                        {"type": "EconomicMeasure", "dyad": "CHN-LTU", "occurred": "2022", "imposedBy": "CHN", "imposedOn": "LTU",
                         "measure": "IMPORT_BAN", "goods": "wine", "step": "LIFTED", "measureFact": "chn-ltu-wine-ban"}""")),
                of("chn-ltu-ds610", withSource("""
                        {"type": "LegalDispute", "dyad": "CHN-LTU", "occurred": "2022-01-27", "forum": "WTO", "caseId": "DS610",
                         "complainant": "EU", "respondent": "CHN", "onBehalfOf": "LTU", "step": "FILED"}""")),
                of("chn-ltu-ds610-panel", withSource("""
                        {"type": "LegalDispute", "dyad": "CHN-LTU", "occurred": "2022-12-19", "forum": "WTO", "caseId": "DS610",
                         "complainant": "EU", "respondent": "CHN", "onBehalfOf": "LTU", "thirdParties": ["USA", "JPN"],
                         "step": "PANEL_ESTABLISHED"}""")));

        given().get("/dyads/LTU-CHN/memberships").then().statusCode(200)
                .body("memberships", hasSize(1)).body("memberships[0].change", equalTo("LEFT"))
                .body("current[0].status", equalTo("LEFT")).body("current[0].organisation", equalTo("17+1"));
        given().get("/dyads/CHN-LTU/measures").then().statusCode(200)
                .body("measures", hasSize(3))
                // Lifted "2022" sorts before its imposition of "2022-06", and still ends it.
                .body("measures.find { it.goods == 'wine' }.status", equalTo("LIFTED"))
                .body("measures.find { it.goods == 'wine' }.started", equalTo("2022-06"))
                .body("measures.find { it.goods == 'wine' }.steps", hasSize(2))
                .body("measures[0].measure", equalTo("CUSTOMS_OBSTRUCTION")).body("measures[0].started", equalTo("2021-12"))
                .body("measures[0].lifted", equalTo("2023-03")).body("measures[0].status", equalTo("LIFTED"))
                .body("measures[0].steps.step", contains("IMPOSED", "LIFTED"))
                .body("measures.find { it.goods == 'beef, dairy and beer' }.measure", equalTo("IMPORT_BAN"))
                .body("measures.find { it.goods == 'beef, dairy and beer' }.status", equalTo("IN_FORCE"))
                .body("measures.find { it.goods == 'beef, dairy and beer' }.lifted", nullValue());
        given().get("/dyads/CHN-LTU/disputes").then().statusCode(200)
                .body("disputes", hasSize(1)).body("disputes[0].caseId", equalTo("DS610"))
                .body("disputes[0].complainant", equalTo("EU")).body("disputes[0].onBehalfOf", equalTo("LTU"))
                .body("disputes[0].thirdParties", contains("USA", "JPN"))
                .body("disputes[0].currentStep", equalTo("PANEL_ESTABLISHED"))
                .body("disputes[0].steps.step", contains("FILED", "PANEL_ESTABLISHED"));
        given().get("/dyads/CHN-LTU/representation").then().statusCode(200)
                .body("changes.action", contains("AMBASSADOR_RECALLED", "LEVEL_CHANGED"))
                .body("current", hasSize(2))
                .body("current.sendingState", contains("CHN", "LTU"))
                .body("current.level", contains("CHARGE_D_AFFAIRES", "CHARGE_D_AFFAIRES"))
                .body("current.since", contains("2021-11-21", "2021-11-21"));
        given().get("/dyads/CHN-LTU").then().statusCode(200)
                .body("representation.level", contains("CHARGE_D_AFFAIRES", "CHARGE_D_AFFAIRES"))
                .body("countsByType.EconomicMeasure", equalTo(5))
                .body("countsByType.LegalDispute", equalTo(2));
    }

    @Test
    void aFactRecordedUnderOneDyad_showsInTheTimelineAndSearchOfTheDyadsItConcerns_inItsCurrentState() {
        LogWriter.publishAndAwait(of("dnk-tur-relations", withSource("""
                {"type": "DiplomaticRelationsEstablished", "dyad": "DNK-TUR", "occurred": "1925"}""")));
        // Read (and keep) the concerned dyad's timeline before the fact concerning it exists.
        given().get("/dyads/DNK-TUR/timeline").then().statusCode(200).body("facts", hasSize(1));

        LogWriter.publishAndAwait(of("dnk-syr-office", withSource("""
                {"type": "MissionOpened", "dyad": "DNK-SYR", "occurred": "2024-05-02", "alsoConcerns": ["TUR-DNK"],
                 "summary": "office in Qamishli",
                 "mission": {"kind": "REPRESENTATIVE_OFFICE", "sendingState": "DNK", "hostState": "SYR", "city": "Qamishli"}}""")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/dyads/DNK-TUR/timeline").then().statusCode(200)
                .body("facts.factId", contains("dnk-tur-relations", "dnk-syr-office"))
                .body("facts[1].recordedUnder", equalTo("DNK-SYR"))
                .body("facts[0].recordedUnder", nullValue()));

        // A correction under its own dyad shows in the concerned dyad's timeline (its kept answer ends with it).
        LogWriter.publishAndAwait(of("dnk-syr-office", withSource("""
                {"type": "FactAmended", "dyad": "DNK-SYR", "basedOnRevision": 1, "changes": {"occurred": "2024-05-03"},
                 "reason": "the ministry's release gives the 3rd"}""")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/dyads/DNK-TUR/timeline").then().statusCode(200)
                .body("facts[1].occurred", equalTo("2024-05-03")).body("facts[1].revision", equalTo(2)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("q", "Qamishli").queryParam("dyad", "DNK-TUR")
                .get("/search").then().statusCode(200).body("hits.factId", hasItem("dnk-syr-office")).body("hits[0].dyad", equalTo("DNK-SYR")));

        // The concerned dyad's own registers and counts stay its own.
        given().get("/dyads/DNK-TUR").then().statusCode(200).body("factCount", equalTo(1));

        LogWriter.publishAndAwait(of("dnk-syr-office", withSource("""
                {"type": "FactRetracted", "dyad": "DNK-SYR", "basedOnRevision": 2, "reason": "ERRONEOUS"}""")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/dyads/DNK-TUR/timeline").then().statusCode(200)
                .body("facts.factId", not(hasItem("dnk-syr-office"))));
    }

    @Test
    void theActorsAndTheCodebook_areListed() {
        given().get("/actors?kind=FORMER_STATE").then().statusCode(200)
                .body("code", hasItem("SUN")).body("find { it.code == 'SUN' }.from", equalTo(1922))
                .body("find { it.code == 'SUN' }.until", equalTo(1991));
        given().get("/actors").then().statusCode(200).body("code", hasItem("XKX")).body("code", hasItem("EU")).body("code", hasItem("BEL"));
        given().get("/actors?kind=PLANET").then().statusCode(400).contentType("application/problem+json");
        given().get("/cameo/163").then().statusCode(200).body("goldstein", equalTo(-8.0f)).body("quadClass", equalTo(4));
        given().get("/cameo?root=16").then().statusCode(200).body("code", hasItem("1663"));
        given().get("/cameo/999").then().statusCode(404).contentType("application/problem+json");
    }
}
