package io.bilateral.query.readmodel.timeline;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class TimelineTest implements ReadyFirst {

    private static boolean loaded;

    private static EventEnvelope visit(String factId, String occurred) {
        return of(factId, "{\"type\": \"OfficialVisit\", \"dyad\": \"AUS-NZL\", \"occurred\": \"" + occurred + "\", "
                + "\"visitor\": {\"name\": \"" + factId + "\"}, \"visitingState\": \"NZL\", \"hostState\": \"AUS\", " + SOURCE + "}");
    }

    @BeforeEach
    void loadOnce() {
        if (!loaded) {
            LogWriter.publishAndAwait(
                    visit("v-2020-01", "2020-01"), visit("v-2019", "2019"), visit("v-2019-07-15", "2019-07-15"),
                    visit("v-2019-07", "2019-07"), visit("v-1950-1953", "1950/1953"),
                    of("m-undated", "{\"type\": \"MissionRecorded\", \"dyad\": \"AUS-NZL\", \"mission\": {\"kind\": \"EMBASSY\", "
                            + "\"sendingState\": \"AUS\", \"hostState\": \"NZL\", \"city\": \"Wellington\"}, " + SOURCE + "}"),
                    visit("v-2019-01-01", "2019-01-01"), visit("v-open-1940", "../1940"));
            loaded = true;
        }
    }

    private static List<String> ids(Response r) {
        return r.path("facts.factId");
    }

    @Test
    void facts_comeInDateOrder_finerPrecisionFirst_undatedLast_withPrecisionAndSources() {
        Response r = given().get("/dyads/NZL-AUS/timeline").then().statusCode(200)
                .body("facts[0].precision", equalTo("year"))
                .body("facts[0].sources[0].locator", equalTo("p. 1"))
                .extract().response();
        assertThat(ids(r)).containsExactly("v-open-1940", "v-1950-1953", "v-2019-01-01", "v-2019", "v-2019-07", "v-2019-07-15", "v-2020-01", "m-undated");
    }

    @Test
    void periodFilter_keepsWhatMayOverlap_aYearOverlapsItsMonths() {
        Response r = given().get("/dyads/AUS-NZL/timeline?from=2019-07&to=2019-07").then().statusCode(200).extract().response();
        assertThat(ids(r)).containsExactly("v-2019", "v-2019-07", "v-2019-07-15");
        Response since = given().get("/dyads/AUS-NZL/timeline?from=2020").then().statusCode(200).extract().response();
        assertThat(ids(since)).containsExactly("v-2020-01");
    }

    @Test
    void typeFilter_keepsOnlyThoseTypes() {
        Response r = given().get("/dyads/AUS-NZL/timeline?type=MissionRecorded").then().statusCode(200).extract().response();
        assertThat(ids(r)).containsExactly("m-undated");
    }

    @Test
    void pages_chainedByCursor_giveEveryFactOnce_inOrder() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = given().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/dyads/AUS-NZL/timeline").then().statusCode(200).extract().response();
            all.addAll(ids(page));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(4);
        assertThat(all).containsExactly("v-open-1940", "v-1950-1953", "v-2019-01-01", "v-2019", "v-2019-07", "v-2019-07-15", "v-2020-01", "m-undated");
    }

    @Test
    void badParameters_are400ProblemJson_namingTheParameter() {
        given().get("/dyads/AUS-NZL/timeline?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("limit"));
        given().get("/dyads/AUS-NZL/timeline?limit=201").then().statusCode(400).body("errors[0].pointer", equalTo("limit"));
        given().get("/dyads/AUS-NZL/timeline?limit=abc").then().statusCode(400).body("errors[0].pointer", equalTo("limit"));
        given().get("/dyads/AUS-NZL/timeline?from=2019-13").then().statusCode(400).body("errors[0].pointer", equalTo("from"));
        given().get("/dyads/AUS-NZL/timeline?to=soon").then().statusCode(400).body("errors[0].pointer", equalTo("to"));
        given().get("/dyads/AUS-NZL/timeline?type=Friendship").then().statusCode(400).body("errors[0].pointer", equalTo("type"));
        given().get("/dyads/AUS-NZL/timeline?cursor=bm90IGEgY3Vyc29y").then().statusCode(400).body("errors[0].pointer", equalTo("cursor"));
        given().get("/dyads/AUS-XYZ/timeline").then().statusCode(400).body("errors[0].pointer", equalTo("dyad"));
    }
}
