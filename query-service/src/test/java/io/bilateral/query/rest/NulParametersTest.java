package io.bilateral.query.rest;

import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A NUL character (%00) in a parameter or the path is the client's mistake: 400 naming it, never a 500 from the database. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class NulParametersTest implements ReadyFirst {

    @Test
    void aNulInAQueryParameter_orInThePath_is400NamingIt() {
        given().urlEncodingEnabled(false).get("/people?name=Zhu%00Rongji").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("name"));
        given().urlEncodingEnabled(false).get("/search?q=trade&dyad=BEL-CHN%00").then().statusCode(400)
                .body("errors[0].pointer", equalTo("dyad"));
        given().urlEncodingEnabled(false).get("/dyads/BEL%00CHN/timeline").then().statusCode(400)
                .body("errors[0].pointer", equalTo("path"));
        // Without it, the same reads are served.
        given().urlEncodingEnabled(false).get("/people?name=Zhu%20Rongji").then().statusCode(200);
    }
}
