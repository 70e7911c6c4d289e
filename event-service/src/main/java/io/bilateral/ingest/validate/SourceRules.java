package io.bilateral.ingest.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.bilateral.events.event.Source;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a source must be: an object with an absolute http or https address, its texts strings,
 * its publication date a partial date and its retrieval time a UTC timestamp, and nothing else.
 * Every fact cites at least one; an amendment's new sources are held to the same rules, so no
 * {@code javascript:} link can come in that way either.
 */
final class SourceRules {

    private static final Set<String> SOURCE_FIELDS = Set.of("url", "title", "publisher", "published", "retrievedAt", "locator");

    private SourceRules() {
    }

    /** A fact's sources (or an amendment's new ones) at {@code pointer}: at least one, each with a web address. */
    static void check(JsonNode sources, String pointer, List<Violation> errors) {
        if (sources == null || sources.isNull()) {
            errors.add(new Violation(pointer, "is required: every fact cites at least one source"));
            return;
        }
        if (!sources.isArray() || sources.isEmpty()) {
            errors.add(new Violation(pointer, "must be a non-empty array: every fact cites at least one source"));
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            checkSource(sources.get(i), pointer + "/" + i, errors);
        }
    }

    private static void checkSource(JsonNode source, String pointer, List<Violation> errors) {
        if (!source.isObject()) {
            errors.add(new Violation(pointer, "must be an object with at least a url"));
            return;
        }
        for (Iterator<String> names = source.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SOURCE_FIELDS.contains(name)) {
                errors.add(new Violation(pointer + "/" + SubmissionReader.escape(name), "is not a source field; known: " + String.join(", ", SOURCE_FIELDS)));
            }
        }
        JsonNode url = source.get("url");
        if (url == null || url.isNull()) {
            errors.add(new Violation(pointer + "/url", "is required"));
        } else if (!url.isTextual() || !isWebUrl(url.asText())) {
            errors.add(new Violation(pointer + "/url", "must be an absolute http or https URL"));
        }
        for (String text : List.of("title", "publisher", "locator")) {
            JsonNode value = source.get(text);
            if (value != null && !value.isNull() && !value.isTextual()) {
                errors.add(new Violation(pointer + "/" + text, "must be a string"));
            }
        }
        JsonNode published = source.get("published");
        if (published != null && !published.isNull()) {
            if (!published.isTextual()) {
                errors.add(new Violation(pointer + "/published", "must be a string"));
            } else {
                try {
                    PartialDate.parse(published.asText());
                } catch (IllegalArgumentException e) {
                    errors.add(new Violation(pointer + "/published", e.getMessage()));
                }
            }
        }
        JsonNode retrieved = source.get("retrievedAt");
        if (retrieved != null && !retrieved.isNull()) {
            try {
                Instant.parse(retrieved.asText());
                if (!retrieved.isTextual()) {
                    throw new DateTimeParseException("not text", retrieved.toString(), 0);
                }
            } catch (DateTimeParseException e) {
                errors.add(new Violation(pointer + "/retrievedAt", "must be an ISO 8601 UTC timestamp such as 2026-11-28T09:00:00Z"));
            }
        }
    }

    private static boolean isWebUrl(String s) {
        try {
            return Source.isWebAddress(new URI(s));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
