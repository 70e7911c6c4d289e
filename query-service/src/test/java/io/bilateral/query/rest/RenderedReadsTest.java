package io.bilateral.query.rest;

import io.bilateral.events.envelope.ConsistencyToken;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A dyad's rendered reads are kept and served again while nothing new is committed for the
 * dyad, and never after: the next event of the dyad is seen by every reader without a token
 * within the stream tail's delay, and at once by a reader with its write's token.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class RenderedReadsTest implements ReadyFirst {

    private static final Pattern KEPT = Pattern.compile("(?m)^bilateral_rendered_reads_total\\{[^}]*answer=\"kept\"[^}]*} ([0-9.E]+)$");

    @Test
    void aDyadsSummary_isServedFromMemoryWhileUnchanged_andReplacedOnceTheDyadHasANewFact() {
        String dyad = "BEL-SVN";
        EventEnvelope first = Events.relationsEstablished(dyad, "1992");
        given().header(ReadYourWrites.HEADER, token(first)).get("/dyads/" + dyad).then().statusCode(200).body("factCount", equalTo(1));

        // Kept once the tail has read the commit (an answer kept before that is rendered again once).
        awaitKept("/dyads/" + dyad);
        String tag = given().get("/dyads/" + dyad).then().statusCode(200).body("factCount", equalTo(1)).extract().header("ETag");
        double keptBefore = kept();
        for (int i = 0; i < 5; i++) {
            given().get("/dyads/SVN-BEL").then().statusCode(200).header("ETag", tag).body("factCount", equalTo(1));
        }
        given().header("If-None-Match", tag).get("/dyads/" + dyad).then().statusCode(304);
        assertThat(kept() - keptBefore).as("reads answered from memory").isEqualTo(6);

        // A reader with the token of its write sees it at once, whatever is kept.
        EventEnvelope second = Events.relationsEstablished(dyad, "1993");
        given().header(ReadYourWrites.HEADER, token(second)).get("/dyads/" + dyad).then().statusCode(200).body("factCount", equalTo(2));
        // Every other reader sees it once the tail has read the commit: the kept answer is not served again.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/dyads/" + dyad).then().statusCode(200).body("factCount", equalTo(2)));
        String newTag = given().get("/dyads/" + dyad).then().statusCode(200).extract().header("ETag");
        assertThat(newTag).isNotEqualTo(tag);
        given().header("If-None-Match", tag).get("/dyads/" + dyad).then().statusCode(200).header("ETag", newTag);
    }

    @Test
    void anotherDyadsFact_leavesAKeptAnswerInPlace_andTimelinePagesAreKeptPerQuery() {
        String dyad = "BEL-HRV";
        given().header(ReadYourWrites.HEADER, token(Events.relationsEstablished(dyad, "1992"))).get("/dyads/" + dyad + "/timeline")
                .then().statusCode(200).body("facts.size()", equalTo(1));
        awaitKept("/dyads/" + dyad + "/timeline");
        awaitKept("/dyads/" + dyad + "/timeline?type=OfficialVisit");
        String all = given().get("/dyads/" + dyad + "/timeline").then().statusCode(200).extract().header("ETag");
        String none = given().get("/dyads/" + dyad + "/timeline?type=OfficialVisit").then().statusCode(200)
                .body("facts.size()", equalTo(0)).extract().header("ETag");
        assertThat(none).isNotEqualTo(all);

        EventEnvelope elsewhere = Events.relationsEstablished("BEL-SRB", "2006");
        given().header(ReadYourWrites.HEADER, token(elsewhere)).get("/dyads/BEL-SRB").then().statusCode(200);
        awaitKept("/dyads/BEL-SRB");  // so the tail has read past the other dyad's event
        double keptBefore = kept();
        given().get("/dyads/" + dyad + "/timeline").then().statusCode(200).header("ETag", all).body("facts.size()", equalTo(1));
        given().get("/dyads/" + dyad + "/timeline?type=OfficialVisit").then().statusCode(200).header("ETag", none);
        assertThat(kept() - keptBefore).as("reads answered from memory").isEqualTo(2);
    }

    /** Reads until a read of the path is answered from memory (the tail read the dyad's last commit). */
    private static void awaitKept(String path) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double before = kept();
            given().get(path).then().statusCode(200);
            assertThat(kept() - before).isEqualTo(1);
        });
    }

    private static String token(EventEnvelope e) {
        return ConsistencyToken.of(LogWriter.publishAll(List.of(e))).toString();
    }

    private static double kept() {
        Matcher m = KEPT.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
