package io.bilateral.query.readmodel.timeline;

import io.bilateral.query.rest.InvalidParameterException;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Where a timeline page ends, as an opaque token: the sort key of its last fact (earliest day,
 * precision rank, fact id). The next page starts strictly after it, so pages never overlap
 * or skip, also while facts are being added.
 */
record TimelineCursor(LocalDate earliest, int precisionRank, String factId) {

    /** Undated facts sort last: their day is "infinity" (the client maps LocalDate.MAX to it). */
    static final LocalDate UNDATED = LocalDate.MAX;
    /** An open start ("../1985") sorts first: its day is "-infinity" (LocalDate.MIN). */
    static final LocalDate OPEN_START = LocalDate.MIN;

    String encode() {
        String day = earliest.equals(UNDATED) ? "-" : earliest.equals(OPEN_START) ? "<" : earliest.toString();
        String key = day + "|" + precisionRank + "|" + factId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static TimelineCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
            LocalDate earliest = parts[0].equals("-") ? UNDATED : parts[0].equals("<") ? OPEN_START : LocalDate.parse(parts[0]);
            return new TimelineCursor(earliest, Integer.parseInt(parts[1]), parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidParameterException("cursor", "is not a cursor this service issued; use the nextCursor of a previous page");
        }
    }

    static int rank(String precision) {
        return precision == null ? 3 : switch (precision) {
            case "day" -> 0;
            case "month" -> 1;
            case "year" -> 2;
            default -> 3;
        };
    }
}
