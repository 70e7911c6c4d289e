package io.bilateral.query.explorer;

import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The explorer's page is this service's, with its scripts and styles: no CDN, no inline script, not frameable. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class ExplorerPagesTest {

    @Test
    void thePage_isServedAtItsPermalinks_withASecurityPolicy() {
        for (String path : new String[] {"/", "/explore/BEL-CHN", "/explore/facts/bel-chn-relations-established"}) {
            String page = given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("connect-src 'self' http://localhost:8081"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .extract().asString();
            // The page as written: not re-encoded (as JSON) on the way, nothing from another site, no inline script.
            org.assertj.core.api.Assertions.assertThat(page).startsWith("<!doctype html>").contains("<main id=\"main\"")
                    .contains("<script type=\"module\" src=\"/explorer/app.js\"></script>").doesNotContain("https://")
                    .doesNotContainPattern("<script[^>]*>[^<]");
        }
    }

    @Test
    void itsScriptsAndStyles_comeFromThisService() {
        for (String asset : new String[] {"app.js", "api.js", "dom.js", "dyad.js", "editor.js", "fact.js", "live.js", "start.js", "timeline.js", "charts.js"}) {
            given().get("/explorer/" + asset).then().statusCode(200).contentType(containsString("javascript"));
        }
        given().get("/explorer/app.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/explorer/config.json").then().statusCode(200).body("eventServiceUrl", equalTo("http://localhost:8081"));
    }

    @Test
    void everyAnswerSaysNotToSniffItsType_andSwaggerUi_withItsInlineScripts_isOffUnlessAskedFor() {
        given().get("/cameo/051").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
