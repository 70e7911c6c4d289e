package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.time.PartialDate;

import java.net.URI;
import java.time.Instant;

/**
 * Where a fact comes from. {@code url} is required; the rest is what a citation needs:
 * title, publisher, when it was published (a partial date), when it was retrieved, and a
 * locator (section or sentence) inside it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(URI url, String title, String publisher, PartialDate published, Instant retrievedAt,
                     String locator) {

    /** What a source's {@code url} must be: an absolute http or https address with a host (no javascript:, data: or file:). */
    public static boolean isWebAddress(URI url) {
        return url != null && url.isAbsolute() && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                && url.getHost() != null;
    }
}
