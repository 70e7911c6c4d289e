package io.bilateral.query.readmodel.fact;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Corrections never rewrite history: they fold into the current state, or are recorded as conflicts. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class CorrectionsTest implements ReadyFirst {

    private static EventEnvelope relations(String factId, String dyad, String occurred) {
        return of(factId, "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"" + dyad + "\", \"occurred\": \"" + occurred + "\", " + SOURCE + "}");
    }

    private static EventEnvelope amend(String factId, String dyad, int basedOn, String changes) {
        return of(factId, "{\"type\": \"FactAmended\", \"dyad\": \"" + dyad + "\", \"basedOnRevision\": " + basedOn
                + ", \"changes\": " + changes + ", \"reason\": \"the treaty text gives the day\", " + SOURCE + "}");
    }

    private static EventEnvelope retract(String factId, String dyad, int basedOn) {
        return of(factId, "{\"type\": \"FactRetracted\", \"dyad\": \"" + dyad + "\", \"basedOnRevision\": " + basedOn
                + ", \"reason\": \"ERRONEOUS\", \"note\": \"wrong country\", " + SOURCE + "}");
    }

    @Test
    void amendment_onTheCurrentRevision_changesTheFact_andKeepsItsHistory() {
        LogWriter.publishAndAwait(relations("nor-swe-relations", "NOR-SWE", "1905-10"),
                amend("nor-swe-relations", "NOR-SWE", 1, "{\"occurred\": \"1905-10-26\"}"));

        given().get("/facts/nor-swe-relations").then().statusCode(200)
                .body("occurred", equalTo("1905-10-26"))
                .body("precision", equalTo("day"))
                .body("revision", equalTo(2))
                .body("current.occurred", equalTo("1905-10-26"))
                .body("history", hasSize(2))
                .body("history[0].kind", equalTo("RECORDED"))
                .body("history[1].kind", equalTo("AMENDED"))
                .body("history[1].reason", equalTo("the treaty text gives the day"))
                .body("history[1].changes.occurred", equalTo("1905-10-26"))
                .body("conflicts", hasSize(0));
        given().get("/dyads/NOR-SWE").then().statusCode(200).body("relationsSince.date", equalTo("1905-10-26"));
    }

    @Test
    void amendedSources_areTheFactsOnItsTimeline_whileEachRevisionKeepsTheSourcesItCameWith() {
        // The fact's sources are stored once, in its payload; its first revision's are its event's (V18).
        LogWriter.publishAndAwait(relations("dnk-nor-relations", "DNK-NOR", "1905"),
                amend("dnk-nor-relations", "DNK-NOR", 1,
                        "{\"sources\": [{\"url\": \"https://example.org/treaty\", \"locator\": \"art. 2\"}]}"));

        given().get("/facts/dnk-nor-relations").then().statusCode(200)
                .body("revision", equalTo(2))
                .body("current.sources", hasSize(1))
                .body("current.sources[0].url", equalTo("https://example.org/treaty"))
                .body("history[0].kind", equalTo("RECORDED"))
                .body("history[0].sources[0].url", equalTo("https://example.org/source"))
                .body("history[0].sources[0].locator", equalTo("p. 1"))
                .body("history[1].kind", equalTo("AMENDED"))
                .body("history[1].sources[0].url", equalTo("https://example.org/source"));
        given().get("/dyads/DNK-NOR/timeline").then().statusCode(200)
                .body("facts", hasSize(1))
                .body("facts[0].sources[0].url", equalTo("https://example.org/treaty"))
                .body("facts[0].sources[0].locator", equalTo("art. 2"));
    }

    @Test
    void amendment_bringingASourceThatIsNotAWebAddress_isAConflict_evenWhenItReachesTheLogAnotherWay() {
        LogWriter.publishAndAwait(relations("aut-che-relations", "AUT-CHE", "1955"),
                amend("aut-che-relations", "AUT-CHE", 1, "{\"sources\": [{\"url\": \"javascript:alert(1)\"}]}"));

        given().get("/facts/aut-che-relations").then().statusCode(200)
                .body("revision", equalTo(1))
                .body("current.sources[0].url", equalTo("https://example.org/source"))
                .body("conflicts[0].reason", containsString("http or https"));
    }

    @Test
    void amendment_onAStaleRevision_isRecordedAsAConflict_andChangesNothing() {
        LogWriter.publishAndAwait(relations("est-fin-relations", "EST-FIN", "1920"),
                amend("est-fin-relations", "EST-FIN", 1, "{\"occurred\": \"1920-06\"}"),
                amend("est-fin-relations", "EST-FIN", 1, "{\"occurred\": \"1921\"}"));

        given().get("/facts/est-fin-relations").then().statusCode(200)
                .body("occurred", equalTo("1920-06"))
                .body("revision", equalTo(2))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].basedOnRevision", equalTo(1))
                .body("conflicts[0].currentRevision", equalTo(2))
                .body("conflicts[0].reason", containsString("based on revision 1, but the fact is at revision 2"));
    }

    @Test
    void amendment_thatWouldMakeTheFactInvalid_orOfAnUnknownFact_isAConflict() {
        LogWriter.publishAndAwait(relations("lva-ltu-relations", "LTU-LVA", "1921"),
                amend("lva-ltu-relations", "LTU-LVA", 1, "{\"occurred\": \"1921-02-30\"}"),
                amend("no-such-fact", "LTU-LVA", 1, "{\"occurred\": \"1921\"}"));

        given().get("/facts/lva-ltu-relations").then().statusCode(200)
                .body("occurred", equalTo("1921")).body("revision", equalTo(1))
                .body("conflicts[0].reason", containsString("would be invalid"));
        given().get("/facts/no-such-fact").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void amendment_removingARequiredDate_addingAnUnknownField_orOfAnotherDyad_isAConflict() {
        LogWriter.publishAndAwait(relations("che-aut-relations", "AUT-CHE", "1955"),
                amend("che-aut-relations", "AUT-CHE", 1, "{\"occurred\": null}"),
                amend("che-aut-relations", "AUT-CHE", 1, "{\"ocurred\": \"1956\"}"),
                amend("che-aut-relations", "AUT-DEU", 1, "{\"occurred\": \"1956\"}"));

        given().get("/facts/che-aut-relations").then().statusCode(200)
                .body("occurred", equalTo("1955")).body("revision", equalTo(1))
                .body("conflicts", hasSize(3))
                .body("conflicts[0].reason", containsString("occurred is required"))
                .body("conflicts[1].reason", containsString("ocurred"))
                .body("conflicts[2].reason", containsString("belongs to dyad AUT-CHE"));
        // The correction aimed at another dyad did not create that dyad.
        given().get("/dyads/AUT-DEU").then().statusCode(404);
    }

    @Test
    void retraction_hidesTheFactByDefault_butKeepsItReachable_andMarked() {
        LogWriter.publishAndAwait(relations("isl-mlt-relations", "ISL-MLT", "1965"), retract("isl-mlt-relations", "ISL-MLT", 1));

        given().get("/facts/isl-mlt-relations").then().statusCode(200)
                .body("retracted", equalTo(true)).body("revision", equalTo(2))
                .body("history[1].kind", equalTo("RETRACTED"))
                .body("history[1].reason", equalTo("ERRONEOUS: wrong country"));
        given().get("/dyads/ISL-MLT/timeline").then().statusCode(200).body("facts", hasSize(0));
        given().get("/dyads/ISL-MLT/timeline?includeRetracted=true").then().statusCode(200)
                .body("facts", hasSize(1)).body("facts[0].retracted", equalTo(true));
        given().get("/dyads/ISL-MLT").then().statusCode(200)
                .body("relationsSince", nullValue()).body("factCount", equalTo(0));
    }

    @Test
    void summaryCounts_keptByTheProjection_equalARecountOfTheCurrentFacts_afterRecordsRepeatsAndRetractions() throws Exception {
        // One batch: a new fact, the same fact id again (a conflict, not a second fact), a
        // retraction, a stale retraction (a conflict), and a fact retracted and recorded anew.
        LogWriter.publishAndAwait(relations("dnk-isl-1944", "DNK-ISL", "1944-06-17"),
                relations("dnk-isl-1944", "DNK-ISL", "1944"),
                relations("dnk-isl-wrong", "DNK-ISL", "1918"),
                retract("dnk-isl-wrong", "DNK-ISL", 1),
                retract("dnk-isl-wrong", "DNK-ISL", 1),
                relations("dnk-isl-1918", "DNK-ISL", "1918-12-01"));

        given().get("/dyads/DNK-ISL").then().statusCode(200)
                .body("factCount", equalTo(2)).body("countsByType.DiplomaticRelationsEstablished", equalTo(2));
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement();
             ResultSet differences = s.executeQuery("""
                     (SELECT dyad, type, facts, cooperative, cooperation, conflictual, conflict FROM fact_counts WHERE facts > 0
                      EXCEPT
                      SELECT dyad, type, count(*),
                             count(*) FILTER (WHERE goldstein > 0), COALESCE(sum(goldstein::numeric) FILTER (WHERE goldstein > 0), 0),
                             count(*) FILTER (WHERE goldstein < 0), COALESCE(sum(goldstein::numeric) FILTER (WHERE goldstein < 0), 0)
                      FROM facts WHERE NOT retracted GROUP BY dyad, type)
                     UNION ALL
                     (SELECT dyad, type, count(*),
                             count(*) FILTER (WHERE goldstein > 0), COALESCE(sum(goldstein::numeric) FILTER (WHERE goldstein > 0), 0),
                             count(*) FILTER (WHERE goldstein < 0), COALESCE(sum(goldstein::numeric) FILTER (WHERE goldstein < 0), 0)
                      FROM facts WHERE NOT retracted GROUP BY dyad, type
                      EXCEPT
                      SELECT dyad, type, facts, cooperative, cooperation, conflictual, conflict FROM fact_counts WHERE facts > 0)""")) {
            List<String> rows = new ArrayList<>();
            while (differences.next()) {
                rows.add(differences.getString("dyad") + " " + differences.getString("type") + " " + differences.getLong("facts"));
            }
            assertThat(rows).as("counts that differ from a recount").isEmpty();
        }
    }

    @Test
    void amendment_keepsTheFactsOtherNumbersExactly() throws Exception {
        LogWriter.publishAndAwait(
                of("bel-lux-trade-2013", "{\"type\": \"TradeStatisticReported\", \"dyad\": \"BEL-LUX\", \"occurred\": \"2013\", "
                        + "\"reporter\": \"BEL\", \"partner\": \"LUX\", \"flow\": \"TOTAL\", \"value\": 12345678901234567.89, "
                        + "\"currency\": \"EUR\", \"qualifier\": \"EXACT\", \"sharePercent\": 4.10, " + SOURCE + "}"),
                amend("bel-lux-trade-2013", "BEL-LUX", 1, "{\"occurred\": \"2013-12\"}"));

        given().get("/facts/bel-lux-trade-2013").then().statusCode(200).body("revision", equalTo(2)).body("occurred", equalTo("2013-12"));
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement();
             ResultSet fact = s.executeQuery("SELECT payload->>'value' AS value FROM facts WHERE fact_id = 'bel-lux-trade-2013'")) {
            assertThat(fact.next()).isTrue();
            // Through a double it would be 12345678901234568.
            assertThat(fact.getString("value")).isEqualTo("12345678901234567.89");
        }
    }
}
