package io.bilateral.ingest.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.bilateral.events.problem.Violation;

/**
 * How deep, how long a number and how long a string a submitted event's JSON may be: checked by
 * the parser as it reads, so a hostile body costs no more than its bytes, and refused as a 400
 * naming the field where the parser stopped. An event is a few levels deep, its numbers are
 * amounts and years, and its longest text is a summary.
 */
public record JsonLimits(int maxDepth, int maxNumberChars, int maxStringChars) {

    public static final JsonLimits DEFAULT = new JsonLimits(32, 64, 65_536);

    /** {@code factory}, checking these limits; {@code extraDepth} levels above the event (a batch's array). */
    JsonFactory applyTo(JsonFactory factory, int extraDepth, int maxStringChars) {
        return factory.copy().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth + extraDepth)
                .maxNumberLength(maxNumberChars)
                .maxStringLength(maxStringChars)
                .build());
    }

    JsonFactory applyTo(JsonFactory factory) {
        return applyTo(factory, 0, maxStringChars);
    }

    /** Whether {@code e} is about a string's length (the others are depth and numbers). */
    static boolean isStringLength(StreamConstraintsException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("String value length");
    }

    /**
     * The problem, at the field where {@code parser} stopped ({@code base} before it: the body,
     * or an event of a batch).
     */
    Violation violation(StreamConstraintsException e, String base, JsonParser parser) {
        return new Violation(base + parser.getParsingContext().pathAsPointer(), detail(e));
    }

    /**
     * The problem in {@code json}, found where a parser of {@code bounded} stops when it reads
     * it again token by token: a tree reader does not say where it stopped. Only a refused
     * body is read twice, and no further than where it fails.
     */
    Violation violation(StreamConstraintsException e, String base, JsonFactory bounded, byte[] json, int offset, int length) {
        try (JsonParser again = bounded.createParser(json, offset, length)) {
            try {
                for (JsonToken t = again.nextToken(); t != null; t = again.nextToken()) {
                    if (t == JsonToken.VALUE_STRING) {
                        again.getText();  // a text's length is checked as it is read, not when it is passed
                    }
                }
            } catch (StreamConstraintsException stopped) {
                return violation(stopped, base, again);
            }
        } catch (java.io.IOException other) {
            // not the same failure twice: report it where the body starts
        }
        return new Violation(base, detail(e));
    }

    private String detail(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return "is nested deeper than " + maxDepth + " levels";
        }
        if (message.startsWith("Number value length")) {
            return "is a number longer than " + maxNumberChars + " characters";
        }
        if (isStringLength(e)) {
            return "is a text longer than " + maxStringChars + " characters";
        }
        return "is past a limit of the JSON reader: " + message;
    }
}
