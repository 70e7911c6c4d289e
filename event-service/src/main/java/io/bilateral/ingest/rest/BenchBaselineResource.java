package io.bilateral.ingest.rest;

import io.bilateral.ingest.config.IngestConfig;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The benchmarks' baseline for {@code POST /events}: everything but the work (same thread
 * model, token check, body read, 202 with JSON), so the ratio between the two is what
 * validating and publishing cost. 404 unless {@code bilateral.bench.baseline=true}.
 */
@Path("/bench/noop")
public class BenchBaselineResource {

    private final IngestConfig config;

    BenchBaselineResource(IngestConfig config) {
        this.config = config;
    }

    @POST
    @NonBlocking
    @RolesAllowed(EventResource.EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> noop(InputStream body) {
        if (!config.benchBaseline()) {
            throw new NotFoundException();
        }
        Uni<Response> read = Uni.createFrom().item(() -> Response.accepted(Map.of("read", readAll(body))).build());
        // As POST /events: a body Quarkus REST has not read whole is read on a worker.
        return Context.isOnEventLoopThread() && !(body instanceof ByteArrayInputStream)
                ? read.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : read;
    }

    private static int readAll(InputStream body) {
        try {
            return body.readAllBytes().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
