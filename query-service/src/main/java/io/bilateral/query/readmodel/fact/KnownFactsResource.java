package io.bilateral.query.readmodel.fact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.query.rest.InvalidParameterException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the given fact ids are recorded. An importer that derives its fact ids from the
 * source (GDELT's event ids) asks this before posting a chunk, so that importing a file again
 * does not even write duplicates to the log. A read like the others: open unless reads need a
 * token. What it answers is as current as the projection (a fact still on its way through the
 * log is not known yet), which is harmless: the projection applies a repeated event once.
 */
@Path("/facts/known")
@Produces(MediaType.APPLICATION_JSON)
public class KnownFactsResource {

    /** A chunk of an import, with room; more in one request would be one long query. */
    public static final int MAX_IDS = 10_000;
    /** Longer than any fact id event-service accepts (100 characters). */
    private static final int MAX_ID_LENGTH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = "SELECT fact_id FROM facts WHERE fact_id = ANY($1)";

    private final Pool pool;

    KnownFactsResource(Pool pool) {
        this.pool = pool;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which of these fact ids are recorded",
            description = "A JSON array of up to 10,000 fact ids; answers {\"known\": [...]}: those of them the read models hold "
                    + "(retracted ones included), in the order asked.")
    public Uni<KnownFacts> known(String body) {
        List<String> asked = factIds(body);
        if (asked.isEmpty()) {
            return Uni.createFrom().item(new KnownFacts(List.of()));
        }
        return pool.preparedQuery(KNOWN).execute(Tuple.of(asked.toArray(String[]::new))).map(rows -> {
            Set<String> recorded = new HashSet<>();
            rows.forEach(row -> recorded.add(row.getString("fact_id")));
            return new KnownFacts(asked.stream().filter(recorded::contains).distinct().toList());
        });
    }

    /** The body as a list of fact ids, or a 400 naming what is wrong ("body", or "body/3" for its fourth id). */
    static List<String> factIds(String body) {
        JsonNode list;
        try {
            list = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("body", "is not well-formed JSON: " + e.getOriginalMessage());
        }
        if (list == null || !list.isArray()) {
            throw new InvalidParameterException("body", "must be a JSON array of fact ids, such as [\"bel-chn-gdelt-1\"]");
        }
        if (list.size() > MAX_IDS) {
            throw new InvalidParameterException("body", "at most " + MAX_IDS + " fact ids at once, not " + list.size());
        }
        List<String> ids = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode id = list.get(i);
            if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_ID_LENGTH) {
                throw new InvalidParameterException("body/" + i, "must be a fact id: a string of 1 to " + MAX_ID_LENGTH + " characters");
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
