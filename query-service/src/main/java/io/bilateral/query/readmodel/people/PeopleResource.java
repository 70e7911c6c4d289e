package io.bilateral.query.readmodel.people;

import io.bilateral.query.rest.InvalidParameterException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People and their roles across facts: visitors (with the office held at the time),
 * sanctioned persons, envoys, targets of espionage, notable persons. Read from the current
 * facts, grouped by name (and Wikidata id where given). Scoped by dyad (its index) or by a
 * name (the full-text index first, then an exact, case-blind substring match).
 */
@Path("/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    public static final String PEOPLE = """
            SELECT p.role, p.person->>'name' AS name, p.person->>'wikidataId' AS wikidata_id, p.office,
                   f.fact_id, f.dyad, f.type, f.occurred, f.precision
            FROM facts f
            CROSS JOIN LATERAL (
                SELECT 'visitor' AS role, f.payload->'visitor' AS person, f.payload->>'office' AS office
                    WHERE jsonb_typeof(f.payload->'visitor') = 'object'
                UNION ALL SELECT 'sanctioned', f.payload->'target', f.payload->>'targetOffice'
                    WHERE jsonb_typeof(f.payload->'target') = 'object'
                UNION ALL SELECT 'envoy', f.payload->'envoy', f.payload->>'envoyTitle'
                    WHERE jsonb_typeof(f.payload->'envoy') = 'object'
                UNION ALL SELECT f.payload->>'role', f.payload->'person', NULL
                    WHERE jsonb_typeof(f.payload->'person') = 'object'
                UNION ALL SELECT 'target', t, NULL
                    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.payload->'targets') = 'array'
                                                   THEN f.payload->'targets' ELSE '[]'::jsonb END) t
                    WHERE jsonb_typeof(t) = 'object'
            ) p
            WHERE NOT f.retracted
              AND ($1::text IS NULL OR f.dyad = $1)
              AND ($2::text IS NULL OR (f.fact_id IN (SELECT fact_id FROM fact_search WHERE search @@ plainto_tsquery('simple', $2))
                                        AND strpos(lower(p.person->>'name'), lower($2)) > 0))
            ORDER BY name, COALESCE(f.earliest, 'infinity'::date), f.fact_id
            LIMIT 1000""";

    private final Pool pool;

    PeopleResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "People by name, across every relation, with their roles")
    public Uni<PersonRoles.ByName> byName(@Parameter(example = "Verhofstadt") @QueryParam("name") String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", "is required: a name or part of one");
        }
        return pool.preparedQuery(PEOPLE).execute(Tuple.of(null, name))
                .map(rows -> new PersonRoles.ByName(name, group(rows)));
    }

    static List<PersonRoles> group(RowSet<Row> rows) {
        Map<String, PersonRoles> people = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.getString("name") + "|" + r.getString("wikidata_id");
            people.computeIfAbsent(key, k -> new PersonRoles(r.getString("name"), r.getString("wikidata_id"), new ArrayList<>()))
                    .roles().add(new PersonRoles.Role(r.getString("role"), r.getString("office"), r.getString("fact_id"),
                            r.getString("dyad"), r.getString("type"), r.getString("occurred"), r.getString("precision")));
        }
        return List.copyOf(people.values());
    }
}
