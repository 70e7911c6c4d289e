package io.bilateral.events.problem;

/**
 * One reason a request was refused.
 *
 * @param pointer JSON pointer (RFC 6901) into the request body, e.g. {@code /sources/0/url};
 *                {@code ""} is the whole body; for a query or path parameter, its name
 * @param detail  what is wrong with it, in words a user can act on
 */
public record Violation(String pointer, String detail) {
}
