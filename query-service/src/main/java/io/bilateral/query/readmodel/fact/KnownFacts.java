package io.bilateral.query.readmodel.fact;

import java.util.List;

/** What {@code POST /facts/known} answers: those of the fact ids asked about that the read models hold, in the order asked. */
public record KnownFacts(List<String> known) {
}
