package io.bilateral.query.stream;

import io.bilateral.query.rest.InvalidParameterException;

/**
 * Where a subscription starts: after a position (an SSE id it already has), at the beginning,
 * or at the current end. {@code Last-Event-ID} wins over {@code from}: an EventSource that
 * reconnects sends its original URL again, with the id it got to in the header.
 */
record StreamStart(Kind kind, long after) {

    enum Kind { BEGINNING, NOW, AFTER }

    static final String HEADER = "Last-Event-ID";

    static StreamStart of(String lastEventId, String from) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return new StreamStart(Kind.AFTER, position(HEADER, lastEventId.trim()));
        }
        if (from == null || from.isBlank() || from.equals("now")) {
            return new StreamStart(Kind.NOW, 0);
        }
        if (from.equals("beginning")) {
            return new StreamStart(Kind.BEGINNING, 0);
        }
        return new StreamStart(Kind.AFTER, position("from", from.trim()));
    }

    private static long position(String parameter, String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new InvalidParameterException(parameter, "'" + value + "' is not a stream position: the id of an event"
                    + " of this stream (a whole number)" + (parameter.equals("from") ? ", 'beginning' or 'now'" : ""));
        }
        return Long.parseLong(value);
    }
}
