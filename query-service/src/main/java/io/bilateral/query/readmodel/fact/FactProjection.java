package io.bilateral.query.readmodel.fact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventCoding;
import io.bilateral.events.event.FactAmended;
import io.bilateral.events.event.FactRetracted;
import io.bilateral.events.event.RelationEvent;
import io.bilateral.events.time.PartialDate;
import io.bilateral.query.project.ReadModelProjection;
import io.bilateral.query.project.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps {@code facts} (each fact in its current state, with the derived date bounds and
 * precision the timeline sorts and filters on) and {@code fact_revisions} (its history).
 * Corrections fold in: an amendment merges its changes into the current revision, a
 * retraction marks the fact retracted; either only when based on the current revision.
 * Otherwise, or when the fact is unknown or the amended fact would be invalid, the
 * correction is recorded in {@code fact_conflicts} and the fact stays as it was.
 */
@ApplicationScoped
public class FactProjection implements ReadModelProjection {

    private static final String INSERT = """
            INSERT INTO facts (fact_id, dyad, type, occurred, earliest, latest, precision, certainty, sources,
                               payload, cameo, goldstein, revision, retracted, recorded_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, false, $13, $13)
            ON CONFLICT (fact_id) DO NOTHING""";
    private static final String CURRENT = "SELECT dyad, revision, retracted, payload FROM facts WHERE fact_id = $1 FOR UPDATE";
    private static final String AMEND = """
            UPDATE facts SET occurred = $2, earliest = $3, latest = $4, precision = $5, certainty = $6, sources = $7,
                             payload = $8, revision = revision + 1, updated_at = $9
            WHERE fact_id = $1""";
    private static final String RETRACT = """
            UPDATE facts SET retracted = true, revision = revision + 1, updated_at = $2 WHERE fact_id = $1""";
    private static final String REVISION = """
            INSERT INTO fact_revisions (fact_id, revision, event_id, kind, reason, sources, changes, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING""";
    private static final String CONFLICT = """
            INSERT INTO fact_conflicts (event_id, fact_id, based_on_revision, current_revision, reason, payload, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING""";

    @Override
    public Uni<Void> apply(SqlConnection tx, EventEnvelope e) {
        if (e.event() instanceof FactAmended amended) {
            return correct(tx, e, amended.basedOnRevision());
        }
        if (e.event() instanceof FactRetracted retracted) {
            return correct(tx, e, retracted.basedOnRevision());
        }
        RelationEvent fact = e.event();
        Dates when = Dates.of(fact);
        EventCoding coding = e.type().coding();
        return tx.preparedQuery(INSERT).execute(Sql.tuple(
                        e.metadata().factId(), e.dyad().toString(), e.type().wireName(),
                        when.edtf, when.earliest, when.latest, when.precision,
                        fact.certainty() == null ? null : fact.certainty().name(),
                        Sql.json(EventJson.mapper().valueToTree(fact.sources())),
                        Sql.json(EventJson.toJson(e)),
                        coding.cameo(), coding.goldstein(),
                        Sql.timestamp(e.metadata().recordedAt())))
                .chain(inserted -> inserted.rowCount() == 0
                        ? conflict(tx, e, 1, null, "a fact with this id already exists; record a new fact or amend it")
                        : revision(tx, e, 1, "RECORDED", null, null));
    }

    private Uni<Void> correct(SqlConnection tx, EventEnvelope e, int basedOn) {
        return tx.preparedQuery(CURRENT).execute(Sql.tuple(e.metadata().factId())).chain(rows -> {
            if (rows.rowCount() == 0) {
                return conflict(tx, e, basedOn, null, "no fact " + e.metadata().factId());
            }
            Row current = rows.iterator().next();
            int revision = current.getInteger("revision");
            if (!current.getString("dyad").equals(e.dyad().toString())) {
                return conflict(tx, e, basedOn, revision, "the fact belongs to dyad " + current.getString("dyad") + ", not " + e.dyad());
            }
            if (revision != basedOn) {
                return conflict(tx, e, basedOn, revision, "based on revision " + basedOn + ", but the fact is at revision " + revision);
            }
            if (current.getBoolean("retracted")) {
                return conflict(tx, e, basedOn, revision, "the fact is retracted");
            }
            if (e.event() instanceof FactRetracted retracted) {
                return tx.preparedQuery(RETRACT).execute(Sql.tuple(e.metadata().factId(), Sql.timestamp(e.metadata().recordedAt())))
                        .chain(() -> revision(tx, e, revision + 1, "RETRACTED",
                                retracted.reason().name() + (retracted.note() != null ? ": " + retracted.note() : ""), null));
            }
            FactAmended amended = (FactAmended) e.event();
            EventEnvelope merged;
            ObjectNode payload;
            try {
                payload = merge((ObjectNode) EventJson.mapper().readTree(current.getJsonObject("payload").encode()), amended.changes());
                merged = EventJson.fromJsonStrictly(payload);
            } catch (Exception invalid) {
                return conflict(tx, e, basedOn, revision, "the amended fact would be invalid: " + invalid.getMessage());
            }
            Dates when = Dates.of(merged.event());
            return tx.preparedQuery(AMEND).execute(Sql.tuple(e.metadata().factId(), when.edtf, when.earliest, when.latest,
                            when.precision, merged.event().certainty() == null ? null : merged.event().certainty().name(),
                            Sql.json(EventJson.mapper().valueToTree(merged.event().sources())), Sql.json(payload),
                            Sql.timestamp(e.metadata().recordedAt())))
                    .chain(() -> revision(tx, e, revision + 1, "AMENDED", amended.reason(), amended.changes()));
        });
    }

    /** RFC 7396 JSON merge patch, on the fact's own fields only (identity never changes). */
    static ObjectNode merge(ObjectNode target, JsonNode changes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            if (change.getValue().isNull()) {
                target.remove(change.getKey());
            } else if (change.getValue().isObject() && target.get(change.getKey()) instanceof ObjectNode nested) {
                merge(nested, change.getValue());
            } else {
                target.set(change.getKey(), change.getValue());
            }
        }
        return target;
    }

    private Uni<Void> revision(SqlConnection tx, EventEnvelope e, int revision, String kind, String reason, JsonNode changes) {
        return tx.preparedQuery(REVISION).execute(Sql.tuple(e.metadata().factId(), revision, e.metadata().eventId(), kind, reason,
                        Sql.json(EventJson.mapper().valueToTree(e.event().sources())), changes == null ? null : Sql.json(changes),
                        Sql.timestamp(e.metadata().recordedAt())))
                .replaceWithVoid();
    }

    private Uni<Void> conflict(SqlConnection tx, EventEnvelope e, int basedOn, Integer current, String reason) {
        return tx.preparedQuery(CONFLICT).execute(Sql.tuple(e.metadata().eventId(), e.metadata().factId(), basedOn, current, reason,
                        Sql.json(EventJson.toJson(e)), Sql.timestamp(e.metadata().recordedAt())))
                .replaceWithVoid();
    }

    /** The date columns of a fact: where the timeline places it (absent for undated facts). */
    private record Dates(String edtf, java.time.LocalDate earliest, java.time.LocalDate latest, String precision) {
        static Dates of(RelationEvent fact) {
            // What happened when known, else (incidents) when it was disclosed.
            PartialDate when = fact.when();
            return when == null ? new Dates(null, null, null, null)
                    : new Dates(when.edtf(), when.earliest(), when.latest(), when.precision().name().toLowerCase(Locale.ROOT));
        }
    }
}
