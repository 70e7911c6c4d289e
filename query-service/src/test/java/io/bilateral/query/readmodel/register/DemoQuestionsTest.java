package io.bilateral.query.readmodel.register;

import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.DemoData;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** The questions users ask of the Belgium–China relation, answered from the demo data. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class DemoQuestionsTest implements ReadyFirst {

    private static boolean loaded;

    @BeforeEach
    void loadTheDemoDataOnce() throws Exception {
        if (!loaded) {
            LogWriter.publishAndAwait(DemoData.events("belgium-china"));
            LogWriter.awaitSearchIndexed();
            loaded = true;
        }
    }

    @Test
    void visits_inOrder_withTheOfficeHeldAtTheTime() {
        Response r = given().get("/dyads/CHN-BEL/visits").then().statusCode(200)
                .body("visits", hasSize(8))
                .body("visits[0].visitor.name", equalTo("Zhu Rongji"))
                .body("visits[0].precision", equalTo("month"))
                .body("visits[1].office", equalTo("Vice-premier"))
                .body("visits[7].visitor.name", equalTo("Xi Jinping"))
                .body("visits[7].visitingState", equalTo("CHN"))
                .body("visits[7].sources[0].locator", org.hamcrest.Matchers.containsString("History"))
                .extract().response();
        List<String> dates = r.path("visits.occurred");
        assertThat(dates).containsExactly("1991-04", "1992-03", "1993-05", "1996-11", "1998-11", "2000-05", "2002-03", "2009-10");
    }

    @Test
    void belgianConsulatesInChina() {
        Response r = given().get("/dyads/BEL-CHN/missions").then().statusCode(200).body("missions", hasSize(5)).extract().response();
        List<String> consulates = r.path("missions.findAll { it.kind == 'CONSULATE' && it.sendingState == 'BEL' }.city");
        assertThat(consulates).containsExactlyInAnyOrder("Guangzhou", "Hong Kong", "Shanghai");
        assertThat(r.<List<String>>path("missions.status")).containsOnly("OPEN");
    }

    @Test
    void trade2013_valueAndShare() {
        given().get("/dyads/BEL-CHN/trade").then().statusCode(200)
                .body("trade", hasSize(2))
                .body("trade[0].occurred", equalTo("2008"))
                .body("trade[0].qualifier", equalTo("MORE_THAN"))
                .body("trade[1].occurred", equalTo("2013"))
                .body("trade[1].value", equalTo(20200000000L))
                .body("trade[1].currency", equalTo("EUR"))
                .body("trade[1].partnerRank", equalTo(6))
                .body("trade[1].sharePercent", equalTo(4.1f));
    }

    @Test
    void incidents_withCertainty() {
        given().get("/dyads/BEL-CHN/incidents").then().statusCode(200)
                .body("incidents", hasSize(6))
                .body("incidents.type", hasItem("CyberIncident"))
                .body("incidents.find { it.factId == 'bel-chn-creyelman-recruitment' }.certainty", equalTo("ALLEGED"))
                .body("incidents.find { it.factId == 'bel-chn-apt31-lawmakers' }.threatActor", equalTo("APT31"))
                .body("incidents.find { it.factId == 'bel-chn-apt31-lawmakers' }.responses", hasItem("bel-chn-envoy-summoned-2024-04"));
    }

    @Test
    void incidentsSince2023_byActivityElseDisclosure() {
        Response r = given().get("/dyads/BEL-CHN/incidents?from=2023").then().statusCode(200).extract().response();
        assertThat(r.<List<String>>path("incidents.factId")).containsExactly("bel-chn-creyelman-recruitment",
                "bel-chn-apt31-lawmakers", "bel-chn-envoy-summoned-2024-04", "bel-chn-mustang-panda-diplomats");
        given().get("/dyads/BEL-CHN/incidents?from=2023-13").then().statusCode(400).body("errors[0].pointer", equalTo("from"));
    }

    @Test
    void whatHappenedIn2019_onTheTimeline() {
        Response r = given().get("/dyads/BEL-CHN/timeline?from=2019&to=2019").then().statusCode(200).extract().response();
        assertThat(r.<List<String>>path("facts.type")).containsExactlyInAnyOrder("MultilateralStatement", "PersonalSanction");
    }

    @Test
    void timeline_byActorAndWords() {
        // Espionage allegations in which Belgium is a party by name: the Huy case names only media.
        Response byBelgium = given().get("/dyads/BEL-CHN/timeline?type=EspionageAllegation&actor=BEL").then().statusCode(200).extract().response();
        assertThat(byBelgium.<List<String>>path("facts.factId")).containsExactly("bel-chn-creyelman-recruitment");
        Response verhofstadt = given().get("/dyads/BEL-CHN/timeline?q=Verhofstadt").then().statusCode(200).extract().response();
        assertThat(verhofstadt.<List<String>>path("facts.factId"))
                .containsExactlyInAnyOrder("bel-chn-visit-verhofstadt-2002", "bel-chn-apt31-lawmakers");
        Response sanctionsByChina = given().get("/dyads/BEL-CHN/timeline?actor=TWN").then().statusCode(200).extract().response();
        assertThat(sanctionsByChina.<List<String>>path("facts")).isEmpty();
        given().get("/dyads/BEL-CHN/timeline?actor=XYZ").then().statusCode(400).body("errors[0].pointer", equalTo("actor"));
    }

    @Test
    void relationsSince_andFactsByType_inTheSummary() {
        given().get("/dyads/CHN-BEL").then().statusCode(200)
                .body("relationsSince.date", equalTo("1971-10-25"))
                .body("currentStatus", equalTo("ESTABLISHED"))
                .body("openMissions", equalTo(5))
                .body("latestVisit.visitor", equalTo("Xi Jinping"))
                .body("latestVisit.office", equalTo("Vice President"))
                .body("latestTrade.occurred", equalTo("2013"))
                .body("latestTrade.currency", equalTo("EUR"))
                .body("balance.cooperative", equalTo(10))
                .body("balance.conflictual", equalTo(9))
                .body("countsByType.OfficialVisit", equalTo(8))
                .body("countsByType.MissionRecorded", equalTo(5));
    }

    @Test
    void readModels_carryAnETag_andAnswer304WhileNothingChanged() {
        for (String path : List.of("/dyads/BEL-CHN", "/dyads/BEL-CHN/timeline", "/dyads/BEL-CHN/visits")) {
            // The filter that digests the answer also sends it: still JSON, and whole.
            String etag = given().get(path).then().statusCode(200).contentType("application/json").body("dyad", equalTo("BEL-CHN"))
                    .extract().header("ETag");
            assertThat(etag).as(path).matches("\".+\"");
            given().header("If-None-Match", etag).get(path).then().statusCode(304);
            given().header("If-None-Match", "\"something-else\"").get(path).then().statusCode(200);
        }
    }

    @Test
    void aDyadWithNoFacts_is404_inEveryReadModel() {
        for (String path : List.of("/visits", "/missions", "/trade", "/incidents", "/scores", "/timeline", "")) {
            given().get("/dyads/BEL-NZL" + path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void scoresByYear_sumGoldstein() {
        given().get("/dyads/BEL-CHN/scores").then().statusCode(200)
                .body("series.find { it.period == '1950' }.goldstein", equalTo(-10.0f))
                .body("series.find { it.period == '1971' }.goldstein", equalTo(6.0f))
                .body("series.find { it.period == '2024' }.facts", equalTo(2))
                .body("series.find { it.period == '2024' }.goldstein", equalTo(-4.0f));
        given().get("/dyads/BEL-CHN/scores?by=week").then().statusCode(400).body("errors[0].pointer", equalTo("by"));
    }

    @Test
    void everythingAboutJacquesBrotchi_bySearch() {
        given().get("/search?q=Brotchi").then().statusCode(200)
                .body("hits[0].factId", equalTo("bel-chn-brotchi-entry-ban-2019"))
                .body("hits[0].type", equalTo("PersonalSanction"));
        given().get("/search?q=%27; DROP TABLE facts; --").then().statusCode(200);
        given().get("/search").then().statusCode(400).body("errors[0].pointer", equalTo("q"));
    }

    @Test
    void people_andTheirRoles_acrossFacts() {
        given().get("/people?name=verhofstadt").then().statusCode(200)
                .body("people", hasSize(1))
                .body("people[0].name", equalTo("Guy Verhofstadt"))
                .body("people[0].roles[0].role", equalTo("visitor"))
                .body("people[0].roles[0].office", equalTo("Prime Minister"))
                .body("people[0].roles[0].occurred", equalTo("2002-03"));
        given().get("/people?name=Brotchi").then().statusCode(200)
                .body("people[0].roles[0].role", equalTo("sanctioned"))
                .body("people[0].roles[0].office", equalTo("President of the Senate"));
        Response dyad = given().get("/dyads/BEL-CHN/people").then().statusCode(200).extract().response();
        assertThat(dyad.<List<String>>path("people.name")).contains("Qian Xiuling", "Frank Creyelman", "Eric Dosogne", "Xi Jinping");
        assertThat(dyad.<List<String>>path("people.find { it.name == 'Philippe' }.roles.occurred")).containsExactly("1996-11", "2000-05");
        given().get("/people").then().statusCode(400).body("errors[0].pointer", equalTo("name"));
    }

    @Test
    void countryView_listsTheDyadsOfAnActor() {
        given().get("/actors/BEL/dyads").then().statusCode(200)
                .body("dyads.dyad", hasItem("BEL-CHN"))
                .body("dyads.find { it.dyad == 'BEL-CHN' }.other", equalTo("CHN"));
        given().get("/actors/XYZ/dyads").then().statusCode(400).body("errors[0].pointer", equalTo("code"));
    }
}
