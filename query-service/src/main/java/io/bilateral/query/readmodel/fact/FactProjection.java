package io.bilateral.query.readmodel.fact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventCoding;
import io.bilateral.events.event.FactAmended;
import io.bilateral.events.event.FactRetracted;
import io.bilateral.events.event.RelationEvent;
import io.bilateral.events.time.PartialDate;
import io.bilateral.query.project.ConcernedDyads;
import io.bilateral.query.project.NewEvent;
import io.bilateral.query.project.ReadModelProjection;
import io.bilateral.query.project.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code facts} (each fact in its current state, with the derived date bounds and
 * precision the timeline sorts and filters on) and {@code fact_revisions} (its corrections).
 * A fact's first revision is its row: its payload is the recording event's JSON, with the
 * event's id and author, which no amendment changes (V19).
 * Corrections fold in: an amendment merges its changes into the current revision, a
 * retraction marks the fact retracted; either only when based on the current revision.
 * Otherwise, or when the fact is unknown or the amended fact would be invalid, the
 * correction is recorded in {@code fact_conflicts} and the fact stays as it was.
 *
 * <p>New facts are recorded set-wise: each run of them between two corrections takes one
 * statement per table. A correction is applied on its own, in its place in the log, since it
 * reads the fact's current state.
 */
@ApplicationScoped
public class FactProjection implements ReadModelProjection {

    /** One mapper for the whole projection: building one per call (it was, per revision) costs more than the write. */
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final String ALREADY_EXISTS = "a fact with this id already exists; record a new fact or amend it";

    /** Returns the facts inserted: an id that exists already is not, and its event is a conflict. */
    private static final String INSERT = """
            INSERT INTO facts (fact_id, dyad, type, occurred, earliest, latest, precision, certainty,
                               payload, cameo, goldstein, revision, retracted, recorded_at, updated_at)
            SELECT fact_id, dyad, type, occurred, earliest, latest, precision, certainty,
                   convert_from(payload, 'UTF8')::jsonb, cameo, goldstein, 1, false, recorded_at, recorded_at
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[],
                        $9::bytea[], $10::text[], $11::float8[], $12::timestamptz[])
                 AS batch (fact_id, dyad, type, occurred, earliest, latest, precision, certainty,
                           payload, cameo, goldstein, recorded_at)
            ON CONFLICT (fact_id) DO NOTHING
            RETURNING fact_id""";
    /** The payload as text: through Vert.x's JsonObject its decimals would become doubles. */
    private static final String CURRENT = """
            SELECT dyad, type, goldstein, revision, retracted, payload::text AS payload,
                   ARRAY(SELECT c.dyad FROM fact_concerns c WHERE c.fact_id = facts.fact_id ORDER BY c.dyad) AS concerns
            FROM facts WHERE fact_id = $1 FOR UPDATE""";
    /** An amendment may change the coding too (an Interaction's code, a measure lifted instead of imposed). */
    private static final String AMEND = """
            UPDATE facts SET occurred = $2, earliest = $3, latest = $4, precision = $5, certainty = $6,
                             payload = $7::text::jsonb, revision = revision + 1, updated_at = $8, cameo = $9, goldstein = $10
            WHERE fact_id = $1""";
    private static final String CONCERNS = """
            INSERT INTO fact_concerns (dyad, fact_id)
            SELECT dyad, fact_id FROM unnest($1::text[], $2::text[]) AS batch (dyad, fact_id)
            ON CONFLICT DO NOTHING""";
    private static final String UNCONCERN = "DELETE FROM fact_concerns WHERE fact_id = $1";
    private static final String RETRACT = """
            UPDATE facts SET retracted = true, revision = revision + 1, updated_at = $2 WHERE fact_id = $1""";
    private static final String REVISIONS = """
            INSERT INTO fact_revisions (fact_id, revision, event_id, kind, reason, sources, changes, recorded_at, recorded_by)
            SELECT fact_id, revision, event_id, kind, reason, convert_from(sources, 'UTF8')::jsonb, changes::jsonb, recorded_at,
                   recorded_by::jsonb
            FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::timestamptz[], $9::text[])
                 AS batch (fact_id, revision, event_id, kind, reason, sources, changes, recorded_at, recorded_by)
            ON CONFLICT DO NOTHING""";
    /**
     * Adds (+1) or takes away (-1) facts with their scores, per dyad and type (migration V11),
     * in a fixed order: two transactions never wait for each other's rows in a circle.
     */
    private static final String COUNT = """
            INSERT INTO fact_counts (dyad, type, facts, cooperative, cooperation, conflictual, conflict)
            SELECT dyad, type, sum(sign),
                   COALESCE(sum(sign) FILTER (WHERE goldstein > 0), 0), COALESCE(sum(sign * goldstein::numeric) FILTER (WHERE goldstein > 0), 0),
                   COALESCE(sum(sign) FILTER (WHERE goldstein < 0), 0), COALESCE(sum(sign * goldstein::numeric) FILTER (WHERE goldstein < 0), 0)
            FROM unnest($1::text[], $2::text[], $3::float8[], $4::int[]) AS batch (dyad, type, goldstein, sign)
            GROUP BY dyad, type
            ORDER BY dyad, type
            ON CONFLICT (dyad, type) DO UPDATE SET
                facts = fact_counts.facts + EXCLUDED.facts,
                cooperative = fact_counts.cooperative + EXCLUDED.cooperative,
                cooperation = fact_counts.cooperation + EXCLUDED.cooperation,
                conflictual = fact_counts.conflictual + EXCLUDED.conflictual,
                conflict = fact_counts.conflict + EXCLUDED.conflict""";
    private static final String CONFLICTS = """
            INSERT INTO fact_conflicts (event_id, fact_id, based_on_revision, current_revision, reason, payload, recorded_at, recorded_by)
            SELECT event_id, fact_id, based_on_revision, current_revision, reason, convert_from(payload, 'UTF8')::jsonb, recorded_at,
                   recorded_by::jsonb
            FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::bytea[], $7::timestamptz[], $8::text[])
                 AS batch (event_id, fact_id, based_on_revision, current_revision, reason, payload, recorded_at, recorded_by)
            ON CONFLICT DO NOTHING""";

    @Override
    public Uni<Void> apply(SqlConnection tx, List<NewEvent> events, ConcernedDyads concerned) {
        Uni<Void> applied = Uni.createFrom().voidItem();
        List<NewEvent> run = new ArrayList<>();
        for (NewEvent e : events) {
            if (e.envelope().type().isCorrection()) {
                List<NewEvent> before = List.copyOf(run);
                run.clear();
                applied = applied.chain(() -> record(tx, before, concerned)).chain(() -> correct(tx, e, concerned));
            } else {
                run.add(e);
            }
        }
        List<NewEvent> last = List.copyOf(run);
        return applied.chain(() -> record(tx, last, concerned));
    }

    /** Records new facts (revision 1 of each is its row), or a conflict when its id is taken. */
    private Uni<Void> record(SqlConnection tx, List<NewEvent> facts, ConcernedDyads concerned) {
        if (facts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One statement cannot say which of two rows with the same id it inserted: the first
        // is tried, and a second is a conflict whatever happens to the first.
        Map<String, NewEvent> firsts = new LinkedHashMap<>();
        List<NewEvent> repeated = new ArrayList<>();
        facts.forEach(e -> {
            if (firsts.putIfAbsent(e.envelope().metadata().factId(), e) != null) {
                repeated.add(e);
            }
        });
        List<NewEvent> tried = List.copyOf(firsts.values());
        List<Dates> dates = tried.stream().map(e -> Dates.of(e.envelope().event())).toList();
        Tuple columns = Sql.tuple(
                tried.stream().map(e -> e.envelope().metadata().factId()).toArray(String[]::new),
                tried.stream().map(e -> e.envelope().dyad().toString()).toArray(String[]::new),
                tried.stream().map(e -> e.envelope().type().wireName()).toArray(String[]::new),
                dates.stream().map(Dates::edtf).toArray(String[]::new),
                dates.stream().map(Dates::earliest).toArray(LocalDate[]::new),
                dates.stream().map(Dates::latest).toArray(LocalDate[]::new),
                dates.stream().map(Dates::precision).toArray(String[]::new),
                tried.stream().map(e -> e.envelope().event().certainty()).map(c -> c == null ? null : c.name()).toArray(String[]::new),
                tried.stream().map(NewEvent::json).toArray(Buffer[]::new),
                tried.stream().map(e -> e.envelope().event().coding().cameo()).toArray(String[]::new),
                tried.stream().map(e -> e.envelope().event().coding().goldstein()).toArray(Double[]::new),
                tried.stream().map(e -> Sql.timestamp(e.envelope().metadata().recordedAt())).toArray(OffsetDateTime[]::new));
        return tx.preparedQuery(INSERT).execute(columns).chain(inserted -> {
            Set<String> ids = new HashSet<>();
            inserted.forEach(row -> ids.add(row.getString("fact_id")));
            List<Conflict> conflicts = new ArrayList<>();
            List<Counted> counted = new ArrayList<>();
            List<NewEvent> fresh = new ArrayList<>();
            for (NewEvent e : tried) {
                if (ids.contains(e.envelope().metadata().factId())) {
                    counted.add(new Counted(e.envelope().dyad().toString(), e.envelope().type().wireName(),
                            e.envelope().event().coding().goldstein(), 1));
                    fresh.add(e);
                } else {
                    conflicts.add(new Conflict(e, 1, null, ALREADY_EXISTS));
                }
            }
            repeated.forEach(e -> conflicts.add(new Conflict(e, 1, null, ALREADY_EXISTS)));
            return conflicts(tx, conflicts).chain(() -> count(tx, counted))
                    .chain(() -> concerns(tx, fresh, concerned));
        });
    }

    /** The new facts' other dyads: rows of fact_concerns, and noted for their events (only facts that name any). */
    private Uni<Void> concerns(SqlConnection tx, List<NewEvent> facts, ConcernedDyads concerned) {
        List<String> dyads = new ArrayList<>();
        List<String> factIds = new ArrayList<>();
        for (NewEvent e : facts) {
            List<String> concerns = concernsOf(e.envelope().event());
            concerns.forEach(d -> {
                dyads.add(d);
                factIds.add(e.envelope().metadata().factId());
            });
            concerned.add(e, concerns);
        }
        if (dyads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(CONCERNS).execute(Sql.tuple(dyads.toArray(String[]::new), factIds.toArray(String[]::new))).replaceWithVoid();
    }

    private static List<String> concernsOf(RelationEvent fact) {
        return fact.alsoConcerns() == null ? List.of() : fact.alsoConcerns().stream().map(Object::toString).sorted().toList();
    }


    /** Applies an amendment or a retraction to the fact's current state, or records why it cannot. */
    private Uni<Void> correct(SqlConnection tx, NewEvent event, ConcernedDyads concerned) {
        EventEnvelope e = event.envelope();
        int basedOn = e.event() instanceof FactAmended amended ? amended.basedOnRevision() : ((FactRetracted) e.event()).basedOnRevision();
        return tx.preparedQuery(CURRENT).execute(Sql.tuple(e.metadata().factId())).chain(rows -> {
            if (rows.rowCount() == 0) {
                return conflict(tx, event, basedOn, null, "no fact " + e.metadata().factId());
            }
            Row current = rows.iterator().next();
            int revision = current.getInteger("revision");
            if (!current.getString("dyad").equals(e.dyad().toString())) {
                return conflict(tx, event, basedOn, revision, "the fact belongs to dyad " + current.getString("dyad") + ", not " + e.dyad());
            }
            if (revision != basedOn) {
                return conflict(tx, event, basedOn, revision, "based on revision " + basedOn + ", but the fact is at revision " + revision);
            }
            if (current.getBoolean("retracted")) {
                return conflict(tx, event, basedOn, revision, "the fact is retracted");
            }
            List<String> concernedBefore = java.util.Arrays.asList(current.getArrayOfStrings("concerns"));
            if (e.event() instanceof FactRetracted retracted) {
                // A correction of a fact that concerns other dyads (before or after it) changes their timelines too.
                concerned.add(event, concernedBefore);
                return tx.preparedQuery(RETRACT).execute(Sql.tuple(e.metadata().factId(), Sql.timestamp(e.metadata().recordedAt())))
                        .chain(() -> count(tx, List.of(new Counted(current.getString("dyad"), current.getString("type"), current.getDouble("goldstein"), -1))))
                        .chain(() -> revisions(tx, List.of(new Revision(event, revision + 1, "RETRACTED",
                                retracted.reason().name() + (retracted.note() != null ? ": " + retracted.note() : ""), null))));
            }
            FactAmended amended = (FactAmended) e.event();
            EventEnvelope merged;
            ObjectNode payload;
            try {
                payload = merge((ObjectNode) JSON.readTree(current.getString("payload")), amended.changes());
                merged = EventJson.fromJsonStrictly(payload);
            } catch (Exception invalid) {
                return conflict(tx, event, basedOn, revision, "the amended fact would be invalid: " + invalid.getMessage());
            }
            Dates when = Dates.of(merged.event());
            EventCoding coding = merged.event().coding();
            // The stored fact says how it is coded now (an amended CAMEO code changes its score),
            // and its sources as the fact reads them (the timeline serves them from the payload).
            payload.set(EventJson.CODING, JSON.valueToTree(coding));
            payload.set("sources", JSON.valueToTree(merged.event().sources()));
            Double before = current.getDouble("goldstein");
            List<String> concernedAfter = concernsOf(merged.event());
            concerned.add(event, concernedBefore);
            concerned.add(event, concernedAfter);
            String factId = e.metadata().factId();
            return tx.preparedQuery(AMEND).execute(Sql.tuple(factId, when.edtf, when.earliest, when.latest,
                            when.precision, merged.event().certainty() == null ? null : merged.event().certainty().name(),
                            payload.toString(),
                            Sql.timestamp(e.metadata().recordedAt()), coding.cameo(), coding.goldstein()))
                    .chain(() -> revisions(tx, List.of(new Revision(event, revision + 1, "AMENDED", amended.reason(), amended.changes()))))
                    // A changed score moves the fact from one side of the counts to the other.
                    .chain(() -> java.util.Objects.equals(before, coding.goldstein()) ? Uni.createFrom().voidItem()
                            : count(tx, List.of(new Counted(current.getString("dyad"), current.getString("type"), before, -1),
                                    new Counted(current.getString("dyad"), current.getString("type"), coding.goldstein(), 1))))
                    .chain(() -> concernedAfter.equals(concernedBefore) ? Uni.createFrom().voidItem()
                            : tx.preparedQuery(UNCONCERN).execute(Sql.tuple(factId)).chain(() -> tx.preparedQuery(CONCERNS).execute(Sql.tuple(
                                    concernedAfter.toArray(String[]::new), concernedAfter.stream().map(d -> factId).toArray(String[]::new)))).replaceWithVoid());
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

    /** A row of {@code fact_revisions}: what a correction made of its fact. */
    private record Revision(NewEvent event, int revision, String kind, String reason, JsonNode changes) {
    }

    /** A row of {@code fact_conflicts}: an event that could not change its fact, and why. */
    private record Conflict(NewEvent event, int basedOn, Integer current, String reason) {
    }

    private Uni<Void> revisions(SqlConnection tx, List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(REVISIONS).execute(Sql.tuple(
                        revisions.stream().map(r -> r.event().envelope().metadata().factId()).toArray(String[]::new),
                        revisions.stream().map(Revision::revision).toArray(Integer[]::new),
                        revisions.stream().map(r -> r.event().envelope().metadata().eventId()).toArray(UUID[]::new),
                        revisions.stream().map(Revision::kind).toArray(String[]::new),
                        revisions.stream().map(Revision::reason).toArray(String[]::new),
                        revisions.stream().map(r -> r.event().sources()).toArray(Buffer[]::new),
                        revisions.stream().map(r -> r.changes() == null ? null : r.changes().toString()).toArray(String[]::new),
                        revisions.stream().map(r -> Sql.timestamp(r.event().envelope().metadata().recordedAt())).toArray(OffsetDateTime[]::new),
                        revisions.stream().map(r -> recordedBy(r.event())).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Who submitted the event, as JSON, or null when its log record does not say (recorded before provenance was kept). */
    private static String recordedBy(NewEvent event) {
        io.bilateral.events.envelope.RecordedBy who = event.envelope().metadata().recordedBy();
        return who == null ? null : JSON.valueToTree(who).toString();
    }

    /** A fact counted in (+1) or out (-1) of its dyad's counts, with its score. */
    private record Counted(String dyad, String type, Double goldstein, int sign) {
    }

    private Uni<Void> count(SqlConnection tx, List<Counted> counted) {
        if (counted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(COUNT).execute(Sql.tuple(
                        counted.stream().map(Counted::dyad).toArray(String[]::new),
                        counted.stream().map(Counted::type).toArray(String[]::new),
                        counted.stream().map(Counted::goldstein).toArray(Double[]::new),
                        counted.stream().map(Counted::sign).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> conflict(SqlConnection tx, NewEvent event, int basedOn, Integer current, String reason) {
        return conflicts(tx, List.of(new Conflict(event, basedOn, current, reason)));
    }

    private Uni<Void> conflicts(SqlConnection tx, List<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(CONFLICTS).execute(Sql.tuple(
                        conflicts.stream().map(c -> c.event().envelope().metadata().eventId()).toArray(UUID[]::new),
                        conflicts.stream().map(c -> c.event().envelope().metadata().factId()).toArray(String[]::new),
                        conflicts.stream().map(Conflict::basedOn).toArray(Integer[]::new),
                        conflicts.stream().map(Conflict::current).toArray(Integer[]::new),
                        conflicts.stream().map(Conflict::reason).toArray(String[]::new),
                        conflicts.stream().map(c -> c.event().json()).toArray(Buffer[]::new),
                        conflicts.stream().map(c -> Sql.timestamp(c.event().envelope().metadata().recordedAt())).toArray(OffsetDateTime[]::new),
                        conflicts.stream().map(c -> recordedBy(c.event())).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The date columns of a fact: where the timeline places it (absent for undated facts). */
    private record Dates(String edtf, LocalDate earliest, LocalDate latest, String precision) {
        static Dates of(RelationEvent fact) {
            // What happened when known, else (incidents) when it was disclosed.
            PartialDate when = fact.when();
            return when == null ? new Dates(null, null, null, null)
                    : new Dates(when.edtf(), when.earliest(), when.latest(), when.precision().name().toLowerCase(Locale.ROOT));
        }
    }
}
