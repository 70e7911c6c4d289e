package io.bilateral.query.readmodel.register;

import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** query-service given the same organisations as event-service lists them and projects their facts. */
@QuarkusTest
@TestProfile(ConfiguredOrganisationsTest.WithOsce.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class ConfiguredOrganisationsTest implements ReadyFirst {

    public static class WithOsce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bilateral.actors.organisations", "OSCE=Organization for Security and Co-operation in Europe");
        }
    }

    @Test
    void aConfiguredOrganisation_isListed_andItsFactsAreProjected() {
        given().get("/actors?kind=ORGANISATION").then().statusCode(200)
                .body("code", hasItem("OSCE")).body("find { it.code == 'OSCE' }.name", equalTo("Organization for Security and Co-operation in Europe"));
        LogWriter.publishAndAwait(Events.relationsEstablished("OSCE-RUS", "1992-07"));
        given().get("/dyads/RUS-OSCE").then().statusCode(200).body("actors.name", hasItem("Organization for Security and Co-operation in Europe"));
    }
}
