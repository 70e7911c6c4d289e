package io.bilateral.query.stream;

/**
 * One event the projection committed, as the stream sends it: its number in the stream
 * ({@code seq}, the SSE id), what filters look at, and its CloudEvents JSON, formatted once
 * and shared by every subscriber it goes to; and the other dyads whose reads it changed
 * ({@code concerns}: a fact that also concerns them, or a correction of one).
 */
record CommittedEvent(long seq, String dyad, String type, String cloudEvent, java.util.List<String> concerns, String traceparent) {

    boolean involves(java.util.Set<String> actors) {
        int dash = dyad.indexOf('-');
        return actors.contains(dyad.substring(0, dash)) || actors.contains(dyad.substring(dash + 1));
    }
}
