package io.bilateral.query.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bilateral.events.actor.DyadId;
import io.bilateral.query.config.ReadCacheConfig;
import io.bilateral.query.stream.DyadVersions;
import io.bilateral.query.stream.DyadVersions.Version;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rendered answers of a dyad's reads (its summary, timeline pages, registers, scores and
 * people), kept in memory with the dyad's version ({@link DyadVersions}) when they were read,
 * and served again, ETag and all, while the dyad is still at that version: a read of a dyad
 * that nothing was recorded for since costs no database round trip. The next committed event
 * of the dyad, a rebuild, or a reconnect of the commit listener ends it.
 *
 * <p>A read that carries a read-your-writes token is never served from here: it must see its
 * write even before the stream's tail has read it.
 */
@ApplicationScoped
public class RenderedReads {

    /** An answer as it was sent: the body's bytes, its type and tag, and the dyad's version then. */
    record Rendered(Version version, byte[] body, MediaType mediaType, String etag) {
    }

    /** Where a read that may be kept waits for its answer (a request property). */
    record Pending(String key, Version version) {
    }

    static final String PENDING = "bilateral.rendered.pending";
    static final String SERVED = "bilateral.rendered.served";
    private static final Pattern DYAD_READ = Pattern.compile("^/dyads/([^/]+)(?:/[a-z]+)?$");

    private final DyadVersions versions;
    private final boolean enabled;
    private final Cache<String, Rendered> cache;
    private final Counter kept;
    private final Counter read;

    RenderedReads(DyadVersions versions, ReadCacheConfig config, MeterRegistry metrics) {
        this.versions = versions;
        this.enabled = config.enabled();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.maxBytes())
                .weigher((String key, Rendered r) -> key.length() * 2 + r.body().length + 64)
                .build();
        // bilateral_rendered_reads_total{answer="kept"|"read"}: how many dyad reads the cache answered.
        this.kept = Counter.builder("bilateral.rendered.reads").tag("answer", "kept")
                .description("Dyad reads answered from the rendered reads kept in memory").register(metrics);
        this.read = Counter.builder("bilateral.rendered.reads").tag("answer", "read")
                .description("Dyad reads answered from PostgreSQL (nothing kept, or the dyad moved on)").register(metrics);
    }

    /**
     * The kept answer to this request, or null (then the request goes on, and its answer may be
     * kept: {@link #keep}). Answers 304 when the client already has it. After the
     * read-your-writes filter, which answers a malformed token.
     */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Response lookUp(ContainerRequestContext request) {
        if (!enabled || !HttpMethod.GET.equals(request.getMethod()) || request.getHeaderString(ReadYourWrites.HEADER) != null) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        Matcher m = DYAD_READ.matcher(path);
        if (!m.matches() || request.getUriInfo().getQueryParameters().containsKey(ReadYourWrites.PARAMETER)) {
            return null;
        }
        String dyad;
        try {
            dyad = DyadId.parse(m.group(1)).toString();
        } catch (RuntimeException invalid) {
            return null;  // the resource answers what is wrong with it
        }
        Version now = versions.of(dyad);
        if (now == DyadVersions.UNKNOWN) {
            return null;
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String key = dyad + path.substring(m.end(1)) + (query == null ? "" : "?" + query) + " " + request.getHeaderString(HttpHeaders.ACCEPT);
        Rendered answer = cache.getIfPresent(key);
        if (answer == null || !answer.version().equals(now)) {
            read.increment();
            request.setProperty(PENDING, new Pending(key, now));
            return null;
        }
        kept.increment();
        request.setProperty(SERVED, Boolean.TRUE);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && ConditionalGet.matches(ifNoneMatch, answer.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, answer.etag()).build();
        }
        return Response.ok(answer.body(), answer.mediaType()).header(HttpHeaders.ETAG, answer.etag()).build();
    }

    /** Keeps the answer of a request {@link #lookUp} let through, unless a newer one is kept already. */
    void keep(ContainerRequestContext request, byte[] body, MediaType type, String etag) {
        if (!(request.getProperty(PENDING) instanceof Pending pending) || type == null) {
            return;
        }
        Rendered answer = new Rendered(pending.version(), body, type, etag);
        cache.asMap().merge(pending.key(), answer, (old, added) -> old.version().after(added.version()) ? old : added);
    }

    /** Whether this request was answered from here (its body is already bytes with their tag). */
    static boolean served(ContainerRequestContext request) {
        return request.getProperty(SERVED) != null;
    }
}
