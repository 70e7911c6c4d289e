package io.bilateral.events.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * The error body of both services: RFC 9457 {@code application/problem+json}. {@code type}
 * names the kind of problem (a stable URI clients may switch on), {@code errors} lists each
 * offending field as a JSON pointer into the request (or a parameter name) with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://bilateral.io/problems/";

    /** A problem of the given kind ({@code invalid-event}, {@code broker-unavailable}, ...). */
    public static Problem of(String kind, String title, int status, String detail, String instance,
                             List<Violation> errors) {
        return new Problem(type(kind), title, status, detail, instance, errors);
    }

    /** The type URI of a kind of problem, also where a problem is not an HTTP answer (a stream's end event). */
    public static URI type(String kind) {
        return URI.create(TYPE_BASE + kind);
    }

    /** No token, or one that does not verify; {@code detail} says what the request needs. */
    public static Problem unauthorized(String detail, String instance) {
        return of("unauthorized", "Unauthorized", 401, detail, instance, List.of());
    }

    /** A valid token without the role the request needs. */
    public static Problem forbidden(String role, String instance) {
        return of("forbidden", "Forbidden", 403, "the token does not carry the role this needs (" + role + ")", instance, List.of());
    }

    /** A plain HTTP failure (unknown path, wrong method, wrong media type ...), typed by its status. */
    public static Problem httpStatus(int status, String reasonPhrase, String detail, String instance) {
        return of("http-" + status, reasonPhrase != null ? reasonPhrase : "HTTP " + status, status, detail, instance, List.of());
    }

    /** What a client sees of a bug: no internals, a pointer to the log. */
    public static Problem internalError(String instance) {
        return of("internal-error", "Internal error", 500, "an unexpected error occurred; it has been logged",
                instance, List.of());
    }
}
