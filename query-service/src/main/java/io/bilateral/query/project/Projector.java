package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a batch of events from the log to every read model, and records how far each
 * partition got, in one database transaction: after a crash, the stored offsets and the read
 * models agree, so nothing is applied twice or skipped. An event id already in the
 * {@code events} table is skipped, so a re-published event (a client's retry) has no effect.
 */
@ApplicationScoped
public class Projector {

    private static final String INSERT_EVENT = """
            INSERT INTO events (event_id, log_partition, log_offset, dyad, type, fact_id, recorded_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (event_id) DO NOTHING""";
    private static final String SAVE_OFFSET = """
            INSERT INTO projection_offsets (topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()""";

    private final Pool pool;
    private final List<ReadModelProjection> readModels;

    Projector(Pool pool, Instance<ReadModelProjection> readModels) {
        this.pool = pool;
        this.readModels = readModels.stream().toList();
    }

    /** One event at its place in the log. */
    public record Positioned(EventEnvelope event, LogPosition position) {
    }

    /** Applies the batch; completes once committed. Returns how many events were new. */
    public Uni<Integer> apply(List<Positioned> batch) {
        Map<Integer, Long> nextOffsets = new TreeMap<>();
        batch.forEach(p -> nextOffsets.merge(p.position().partition(), p.position().offset() + 1, Math::max));
        return pool.withTransaction(tx -> {
            Uni<Integer> applied = Uni.createFrom().item(0);
            for (Positioned p : batch) {
                applied = applied.chain(count -> applyOne(tx, p).map(isNew -> isNew ? count + 1 : count));
            }
            for (Map.Entry<Integer, Long> offset : nextOffsets.entrySet()) {
                applied = applied.call(() -> tx.preparedQuery(SAVE_OFFSET)
                        .execute(Tuple.of(Topics.EVENTS, offset.getKey(), offset.getValue())));
            }
            return applied;
        });
    }

    private Uni<Boolean> applyOne(SqlConnection tx, Positioned p) {
        EventEnvelope e = p.event();
        Tuple row = Sql.tuple(e.metadata().eventId(), p.position().partition(), p.position().offset(),
                e.dyad().toString(), e.type().wireName(), e.metadata().factId(),
                Sql.timestamp(e.metadata().recordedAt()), Sql.json(EventJson.toJson(e)));
        return tx.preparedQuery(INSERT_EVENT).execute(row)
                .chain(result -> {
                    if (result.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (ReadModelProjection readModel : readModels) {
                        all = all.chain(() -> readModel.apply(tx, e));
                    }
                    return all.replaceWith(true);
                });
    }

    /** Where each partition of the events topic resumes: the stored next offsets. */
    public Uni<Map<Integer, Long>> storedOffsets() {
        return pool.preparedQuery("SELECT partition, next_offset FROM projection_offsets WHERE topic = $1")
                .execute(Tuple.of(Topics.EVENTS))
                .map(rows -> {
                    Map<Integer, Long> offsets = new TreeMap<>();
                    rows.forEach(r -> offsets.put(r.getInteger("partition"), r.getLong("next_offset")));
                    return offsets;
                });
    }
}
