package io.bilateral.query.readmodel.search;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What {@code GET /search} answers: the words asked for and the facts they match, best first. */
public record SearchResults(String q, List<Hit> hits) {

    /** A matching fact: where it is recorded, when it occurred, its summary and its rank (PostgreSQL's ts_rank). */
    @Schema(name = "SearchHit")
    public record Hit(String factId, String dyad, String type, String occurred, String precision, String summary, float rank) {
    }
}
