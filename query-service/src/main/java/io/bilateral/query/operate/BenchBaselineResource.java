package io.bilateral.query.operate;

import io.bilateral.query.config.BenchConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * The read benchmarks' baseline: a GET on the same reactive stack as the read models (event
 * loop, JSON body), without the query, so the ratio is what PostgreSQL and the mapping cost.
 * 404 unless {@code bilateral.bench.baseline=true}.
 */
@Path("/bench/noop")
public class BenchBaselineResource {

    private static final Map<String, String> BODY = Map.of("dyad", "BEL-CHN");

    private final BenchConfig config;

    BenchBaselineResource(BenchConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Map<String, String>> noop() {
        if (!config.baseline()) {
            throw new NotFoundException();
        }
        return Uni.createFrom().item(BODY);
    }
}
