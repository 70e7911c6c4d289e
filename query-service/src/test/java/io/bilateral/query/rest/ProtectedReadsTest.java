package io.bilateral.query.rest;

import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Reads are open by default; one setting makes them need a valid token. */
@QuarkusTest
@TestProfile(ProtectedReadsTest.ReadsNeedAToken.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class ProtectedReadsTest {

    public static class ReadsNeedAToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.permission.reads.policy", "authenticated");
        }
    }

    @Test
    void whenConfigured_readsWithoutAToken_are401_andWithOne_answer() {
        given().get("/dyads/BEL-NZL").then().statusCode(401);
        given().auth().oauth2(LocalJwtTestResource.token("reader")).get("/dyads/BEL-NZL").then().statusCode(404);
        // Every read model, the reference lists included.
        for (String path : java.util.List.of("/dyads", "/actors", "/actors/BEL/dyads", "/cameo", "/cameo/042", "/search?q=x", "/people?name=x")) {
            org.assertj.core.api.Assertions.assertThat(given().get(path).statusCode()).as(path).isEqualTo(401);
        }
        given().contentType("application/json").body("[]").post("/facts/known").then().statusCode(401);
    }
}
