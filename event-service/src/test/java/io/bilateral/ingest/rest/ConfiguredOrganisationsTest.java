package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** An organisation the operator configures (bilateral.actors.organisations) is an actor a fact may name. */
@QuarkusTest
@TestProfile(ConfiguredOrganisationsTest.WithOsce.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class ConfiguredOrganisationsTest implements ReadyFirst {

    public static class WithOsce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bilateral.actors.organisations", "OSCE=Organization for Security and Co-operation in Europe,CBSS=Council of the Baltic Sea States");
        }
    }

    @Test
    void aConfiguredOrganisation_isAnActorOfADyad_andAnUnconfiguredOneIsNot() {
        String fact = """
                {"type": "DiplomaticRelationsEstablished", "dyad": "%s", "occurred": "1992-07",
                 "sources": [{"url": "https://example.org/osce"}]}""";
        given().auth().oauth2(LocalJwtTestResource.token("editor")).contentType(ContentType.JSON).body(fact.formatted("RUS-OSCE"))
                .post("/events").then().statusCode(202).body("dyad", equalTo("OSCE-RUS"));
        given().auth().oauth2(LocalJwtTestResource.token("editor")).contentType(ContentType.JSON).body(fact.formatted("RUS-GUAM"))
                .post("/events").then().statusCode(400).body("errors[0].pointer", equalTo("/dyad"))
                .body("errors[0].detail", containsString("OSCE"));
    }
}
