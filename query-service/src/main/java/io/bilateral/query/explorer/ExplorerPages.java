package io.bilateral.query.explorer;

import io.bilateral.query.config.ExplorerConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The explorer: one HTML page (its scripts and styles are static files under /explorer/, from
 * this jar: nothing from a CDN), served at / and at the permalinks of a dyad and a fact, which
 * the page routes by its path. Every HTML answer carries a Content-Security-Policy that allows
 * scripts and styles from this service only (no inline script) and connections to it and to
 * event-service, and may not be framed.
 */
@Path("/")
@Tag(name = "explorer")
public class ExplorerPages {

    private final String page;
    private final String policy;
    private final ExplorerConfig config;

    ExplorerPages(ExplorerConfig config) {
        this.config = config;
        try (InputStream in = ExplorerPages.class.getResourceAsStream("/explorer-page/index.html")) {
            if (in == null) {
                throw new IllegalStateException("explorer-page/index.html is missing from the build");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + origin(config.eventServiceUrl()) + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The explorer's start page: every relation on record, an actor picker, search")
    public Response start() {
        return html();
    }

    @GET
    @Path("/explore/{dyad}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The explorer's page of one relation (a permalink)")
    public Response dyad(@PathParam("dyad") String dyad) {
        return html();
    }

    @GET
    @Path("/explore/facts/{factId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The explorer's page of one fact (a permalink)")
    public Response fact(@PathParam("factId") String factId) {
        return html();
    }

    @GET
    @Path("/explorer/config.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the explorer page needs to know: where event-service is")
    public Map<String, String> settings() {
        return Map.of("eventServiceUrl", config.eventServiceUrl());
    }

    private Response html() {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
