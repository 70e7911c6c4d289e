package io.bilateral.query.readmodel.dyad;

import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a dyad's summary whose cost does not grow with the dyad: the counts and scores
 * per type, which the projection keeps ({@code fact_counts}, migration V11), and the latest
 * fact of each kind the summary shows, one step down the facts_by_type_order index
 * (migration V10) each.
 */
@ApplicationScoped
public class DyadGlance {

    /** Per type: how many current facts, and the cooperative and conflictual ones' Goldstein scores (kept by the projection). */
    public static final String COUNTS = """
            SELECT type, facts, cooperative, cooperation::float8 AS cooperation, conflictual, conflict::float8 AS conflict
            FROM fact_counts WHERE dyad = $1 AND facts > 0
            ORDER BY type""";

    /**
     * The last fact of each topic in timeline order (the order of {@code FactsOfTypes}): the
     * latest of each type is one step down the index, then the later of a topic's types wins.
     */
    public static final String LATEST = """
            SELECT DISTINCT ON (wanted.topic) wanted.topic, latest.fact_id, latest.type, latest.occurred, latest.precision, latest.payload
            FROM (VALUES ('status', 'DiplomaticRelationsEstablished'), ('status', 'DiplomaticRelationsChanged'),
                         ('visit', 'OfficialVisit'), ('trade', 'TradeStatisticReported')) AS wanted (topic, type)
            CROSS JOIN LATERAL (
                SELECT fact_id, type, occurred, precision, payload,
                       (CASE WHEN occurred IS NULL THEN 'infinity'::date ELSE COALESCE(earliest, '-infinity'::date) END) AS placed,
                       (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END) AS coarseness
                FROM facts
                WHERE dyad = $1 AND type = wanted.type AND NOT retracted
                ORDER BY placed DESC, coarseness DESC, fact_id DESC
                LIMIT 1) latest
            ORDER BY wanted.topic, latest.placed DESC, latest.coarseness DESC, latest.fact_id DESC""";

    private final Pool pool;

    DyadGlance(Pool pool) {
        this.pool = pool;
    }

    /** Current facts counted by type (in type order), and the balance of their scores. */
    public record Counts(Map<String, Long> byType, DyadSummary.Balance balance) {
    }

    public Uni<Counts> counts(String dyad) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(dyad)).map(rows -> {
            Map<String, Long> byType = new LinkedHashMap<>();
            long cooperative = 0;
            long conflictual = 0;
            double cooperation = 0;
            double conflict = 0;
            for (Row r : rows) {
                byType.put(r.getString("type"), r.getLong("facts"));
                cooperative += r.getLong("cooperative");
                cooperation += r.getDouble("cooperation");
                conflictual += r.getLong("conflictual");
                conflict += r.getDouble("conflict");
            }
            double cooperationRounded = round(cooperation);
            double conflictRounded = round(conflict);
            return new Counts(byType, new DyadSummary.Balance(cooperative, cooperationRounded, conflictual, conflictRounded,
                    round(cooperationRounded + conflictRounded)));
        });
    }

    /** The latest current fact of each topic ("status", "visit", "trade") the dyad has one of. */
    public Uni<Map<String, StoredFact>> latest(String dyad) {
        return pool.preparedQuery(LATEST).execute(Tuple.of(dyad)).map(rows -> {
            Map<String, StoredFact> latest = new LinkedHashMap<>();
            for (Row r : rows) {
                latest.put(r.getString("topic"), new StoredFact(r.getString("fact_id"), r.getString("type"),
                        r.getString("occurred"), r.getString("precision"), r.getJsonObject("payload")));
            }
            return latest;
        });
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
