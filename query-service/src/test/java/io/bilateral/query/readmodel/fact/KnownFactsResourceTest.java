package io.bilateral.query.readmodel.fact;

import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** POST /facts/known: which of a list of fact ids are recorded, for an importer that must not post a fact twice. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class KnownFactsResourceTest implements ReadyFirst {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void answersTheRecordedIdsAmongThoseAsked_inTheOrderAsked_eachOnce() {
        LogWriter.publishAndAwait(
                of("dnk-isl-gdelt-11", "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"DNK-ISL\", \"occurred\": \"1944-06-17\", " + SOURCE + "}"),
                of("dnk-isl-gdelt-12", "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"ISL-DNK\", \"occurred\": \"1944\", " + SOURCE + "}"));

        given().contentType(ContentType.JSON)
                .body("[\"dnk-isl-gdelt-12\", \"dnk-isl-gdelt-99\", \"dnk-isl-gdelt-11\", \"dnk-isl-gdelt-12\", \"nowhere-1\"]")
                .post("/facts/known").then().statusCode(200)
                .body("known", contains("dnk-isl-gdelt-12", "dnk-isl-gdelt-11"));
    }

    @Test
    void anEmptyList_orOneOfUnknownIds_answersNoneKnown() {
        given().contentType(ContentType.JSON).body("[]").post("/facts/known").then().statusCode(200).body("known", empty());
        given().contentType(ContentType.JSON).body("[\"fra-deu-never-recorded\"]").post("/facts/known").then().statusCode(200)
                .body("known", empty());
    }

    @Test
    void aBodyThatIsNotAnArrayOfFactIds_isRefused400_namingWhere() {
        given().contentType(ContentType.JSON).body("{\"factIds\": []}").post("/facts/known").then().statusCode(400)
                .contentType(PROBLEM).body("type", containsString("invalid-parameter")).body("errors[0].pointer", equalTo("body"));
        given().contentType(ContentType.JSON).body("[\"a-b-1\", ").post("/facts/known").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].detail", containsString("well-formed JSON"));
        given().contentType(ContentType.JSON).body("[\"a-b-1\", 42]").post("/facts/known").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].pointer", equalTo("body/1"));
        given().contentType(ContentType.JSON).body("[\"" + "x".repeat(101) + "\"]").post("/facts/known").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].pointer", equalTo("body/0"));
        given().contentType(ContentType.JSON).body("").post("/facts/known").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void moreIdsThanTheLimit_areRefused400() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= KnownFactsResource.MAX_IDS; i++) {
            ids.add("\"bel-chn-gdelt-" + i + "\"");
        }
        given().contentType(ContentType.JSON).body("[" + String.join(",", ids) + "]").post("/facts/known").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("at most " + KnownFactsResource.MAX_IDS));
    }

    @Test
    void aBodyThatIsNotJson_isRefused415() {
        given().contentType(ContentType.TEXT).body("bel-chn-1").post("/facts/known").then().statusCode(415).contentType(PROBLEM);
    }
}
