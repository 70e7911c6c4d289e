package io.bilateral.query.readmodel.register;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What {@code GET /dyads/{dyad}/scores} answers: the cooperation–conflict series of a dyad, by year or month. */
public record Scores(String dyad, String by, List<Period> series) {

    /** One year ({@code 2019}) or month ({@code 2019-07}): current dated facts, how many are scored, and their Goldstein sum. */
    @Schema(name = "ScorePeriod")
    public record Period(String period, long facts, long scored, double goldstein) {
    }
}
