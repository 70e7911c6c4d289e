package io.bilateral.ingest.auth;

import io.bilateral.ingest.rest.ReadyFirst;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/**
 * A token is verified once and then trusted until it expires, never longer: the same token
 * writes again without a second signature check, and is refused once past its {@code exp}
 * (tests run without clock skew) although it was accepted before.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(LocalJwtTestResource.class)
class VerifiedTokensTest implements ReadyFirst {

    private static final String FACT = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-ISL", "occurred": "1946",
             "sources": [{"url": "https://example.org/source", "locator": "p. 1"}]}""";

    @Test
    void aVerifiedToken_isTrustedUntilItsExpiry_andRefusedAfter() throws Exception {
        String token = LocalJwtTestResource.token(Duration.ofSeconds(3), "editor");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(FACT).post("/events").then().statusCode(202);
        }
        // Deliberate: the token's lifetime (3 s, to the second) and the tests' clock skew (1 s) have to pass.
        Thread.sleep(4_500);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(FACT).post("/events").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenThatFailed_isNeverTrusted_afterwards() {
        String token = LocalJwtTestResource.token("editor");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(tampered).contentType(ContentType.JSON).body(FACT).post("/events").then().statusCode(401);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(FACT).post("/events").then().statusCode(202);
    }
}
