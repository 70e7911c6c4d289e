package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwt;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One principal flooding writes is answered 429 problem+json with Retry-After past its rate,
 * before anything is read or published; another principal's writes go through
 * meanwhile. Here the limit is 1 write a second with bursts of 3 (a profile of its own).
 */
@QuarkusTest
@TestProfile(WriteLimitsTest.Slow.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class WriteLimitsTest implements ReadyFirst {

    public static class Slow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bilateral.limits.writes-per-second", "1", "bilateral.limits.write-burst", "3");
        }
    }

    private static final String FACT = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "EST-FIN", "occurred": "1991-08",
             "sources": [{"url": "https://example.org/limits"}]}""";

    private static String tokenOf(String subject) {
        return LocalJwt.in(Path.of("target", "local-jwt")).token(subject, List.of("editor"), Duration.ofMinutes(10));
    }

    private static Response post(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(FACT).post("/events");
    }

    @Test
    void aPrincipalFloodingWrites_gets429WithRetryAfter_whileAnotherPrincipalsWritesGoThrough() {
        String flooder = tokenOf("flooder");
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 10; i++) {
            Response r = post(flooder);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        // The burst goes through, then the rate applies (ten requests take far less than the seconds they would need).
        assertThat(statuses.subList(0, 3)).containsOnly(202);
        assertThat(statuses).contains(429);
        assertThat(refused).isNotNull();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("https://bilateral.io/problems/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);

        // Another principal, meanwhile: its own bucket.
        String other = tokenOf("another-newsroom");
        post(other).then().statusCode(202);
        post(other).then().statusCode(202);

        // The flooder again after waiting as told.
        try {
            Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        post(flooder).then().statusCode(202);
    }
}
