package io.bilateral.query.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * ETag and conditional GET for every read model: the tag is a digest of the answer, so a
 * client (or a cache) that sends it back in {@code If-None-Match} gets 304 Not Modified
 * while nothing it asked for changed. The answer is serialised here, digested, and those
 * bytes are what is sent: it is serialised once.
 */
public class ConditionalGet {

    /** One digest per thread: looking the algorithm up for each answer costs more than digesting it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final ObjectMapper json;
    private final RenderedReads rendered;

    ConditionalGet(ObjectMapper json, RenderedReads rendered) {
        this.json = json;
        this.rendered = rendered;
    }

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) throws JsonProcessingException {
        if (!HttpMethod.GET.equals(request.getMethod()) || response.getStatus() != 200 || response.getEntity() == null
                || request.getUriInfo().getPath().startsWith("/q/") || RenderedReads.served(request)
                // Read models only: the explorer's HTML page is sent as it is.
                || response.getMediaType() == null || !response.getMediaType().isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)) {
            return;
        }
        Object entity = response.getEntity();
        byte[] body = entity instanceof io.vertx.core.json.JsonObject o ? o.encode().getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(entity);
        String etag = "\"" + digest(body) + "\"";
        response.setEntity(body, response.getEntityAnnotations(), response.getMediaType());
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        rendered.keep(request, body, response.getMediaType(), etag);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    /** Whether an {@code If-None-Match} value names this tag (weakly or not) or any. */
    static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("W/" + etag) || tag.equals("*"));
    }

    private static String digest(byte[] body) {
        byte[] hash = SHA_256.get().digest(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }
}
