package io.bilateral.query.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Locale;

/**
 * No parameter may carry a NUL character ({@code %00}): PostgreSQL's text cannot hold one, so
 * a statement given it fails, and what the client sent is wrong, not the service. Refused for
 * every resource at once, as a 400 naming the parameter, before any of them runs. Read from the
 * raw request, which a NUL can only reach percent-encoded, so that nothing else in the URL has
 * to be decodable for the check to work. (Found by the fuzz test: {@code GET /people?name=%00}
 * was a 500.)
 */
public class TextParameters {

    private static final String NUL = "%00";

    @ServerRequestFilter(preMatching = true)
    public void refuseNul(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String query = uri.getRawQuery();
        if (query != null && query.contains(NUL)) {
            for (String pair : query.split("&")) {
                if (pair.contains(NUL)) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    throw new InvalidParameterException(name.replace(NUL, "?"), "must not contain a NUL character (%00)");
                }
            }
        }
        String path = uri.getRawPath();
        if (path != null && path.toLowerCase(Locale.ROOT).contains(NUL)) {
            throw new InvalidParameterException("path", "must not contain a NUL character (%00)");
        }
    }
}
