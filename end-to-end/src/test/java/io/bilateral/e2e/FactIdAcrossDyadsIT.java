package io.bilateral.e2e;

import io.bilateral.localstack.LocalPostgres;
import io.restassured.http.ContentType;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log orders events only within a dyad (a partition), so the read models must not depend
 * on how events of different dyads interleave. They do when one fact id is used in two dyads:
 * {@code facts} is keyed by the fact id alone, so whichever dyad's partition is applied first
 * owns the fact, and a correction tagged with another dyad than its fact's is refused for a
 * reason that depends on whether the fact's partition was applied yet. A projection that
 * applied the events as they came and a fold of the same log from the beginning (which takes
 * the partitions in the consumer's order) then differ; so do two instances whose partitions
 * progress at different speeds, or one resuming after a crash.
 *
 * <p>The events are posted in both orders (dyad on the higher partition first, and the lower
 * first), so whichever order the fold applies the partitions in, one of them differs.
 */
class FactIdAcrossDyadsIT {

    @Test
    @Disabled("Fails on 321a2a5 and d7756c9: facts is keyed by fact_id alone while the log orders only per dyad; "
            + "see the crash-tests report. Enable once the projection does not depend on the partitions' interleaving.")
    void aFactIdUsedInTwoDyads_isProjectedAlike_whicheverPartitionIsAppliedFirst() throws Exception {
        List<String> dyads = FactLoad.dyads(55).stream().map(Object::toString).toList();
        String high = dyads.stream().max(Comparator.comparingInt(FactIdAcrossDyadsIT::partition)).orElseThrow();
        String low = dyads.stream().min(Comparator.comparingInt(FactIdAcrossDyadsIT::partition)).orElseThrow();
        assertThat(partition(high)).isGreaterThan(partition(low));
        try (E2eStack stack = E2eStack.start("FactIdAcrossDyadsIT")) {
            ServiceProcess events = stack.startEventService();
            stack.startQueryService();
            // Each fact recorded, and projected, before the event of the other dyad that names it.
            post(stack, events, fact(high, "shared-1", "1971"), fact(high, "own-1", "1972"),
                    fact(low, "shared-2", "1971"), fact(low, "own-2", "1972"));
            post(stack, events, fact(low, "shared-1", "1980"), retraction(low, "own-1"),
                    fact(high, "shared-2", "1980"), retraction(high, "own-2"));
            LogReader.Contents log = LogReader.readAll(stack.kafkaServers());

            stack.createDatabase("bilateral_fold");
            stack.startQueryService("query-fold", "bilateral_fold", "bilateral-fold");
            ReadModels.awaitCaughtUp("the fold", () -> stack.connect("bilateral_fold"), log, Duration.ofSeconds(60));
            try (Connection projected = stack.connect(LocalPostgres.DATABASE); Connection fold = stack.connect("bilateral_fold")) {
                assertThat(ReadModels.differences("the fold", ReadModels.snapshot(fold), "the projection", ReadModels.snapshot(projected)))
                        .isEmpty();
            }
        }
    }

    /** Posts each event and waits until query-service applied it. */
    private static void post(E2eStack stack, ServiceProcess events, String... bodies) throws Exception {
        for (String body : bodies) {
            given().baseUri(events.url()).auth().oauth2(stack.editorToken()).contentType(ContentType.JSON).body(body)
                    .post("/events").then().statusCode(202);
            ReadModels.awaitCaughtUp("query-service", () -> stack.connect(LocalPostgres.DATABASE),
                    LogReader.readAll(stack.kafkaServers()), Duration.ofSeconds(60));
        }
    }

    /** The partition Kafka's default partitioner gives the key (murmur2), of six. */
    private static int partition(String dyad) {
        return Utils.toPositive(Utils.murmur2(dyad.getBytes(StandardCharsets.UTF_8))) % 6;
    }

    private static String fact(String dyad, String factId, String occurred) {
        return "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"" + dyad + "\", \"factId\": \"" + factId
                + "\", \"occurred\": \"" + occurred + "\", \"sources\": [{\"url\": \"https://example.org/" + factId + "\"}]}";
    }

    private static String retraction(String dyad, String factId) {
        return "{\"type\": \"FactRetracted\", \"dyad\": \"" + dyad + "\", \"factId\": \"" + factId + "\", \"basedOnRevision\": 1, "
                + "\"reason\": \"ERRONEOUS\", \"sources\": [{\"url\": \"https://example.org/retraction\"}]}";
    }
}
