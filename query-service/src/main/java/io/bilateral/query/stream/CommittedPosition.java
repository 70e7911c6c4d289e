package io.bilateral.query.stream;

import java.util.List;

/**
 * Where a committed event sits in the stream ({@code seq}), the dyad it was recorded under, and
 * the other dyads whose reads it changed ({@code concerns}: a fact that also concerns them, or a
 * correction of one): what the dyads' versions follow.
 */
record CommittedPosition(long seq, String dyad, List<String> concerns) {
}
