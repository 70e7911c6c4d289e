package io.bilateral.importer.gdelt;

/**
 * Why a row of a GDELT export is not imported, in the order the converter checks them: a row
 * is counted under the first reason that applies. Each is named in the import's report.
 */
public enum SkipReason {
    /** Fewer than GDELT 2.0's 61 tab-separated columns (a GDELT 1.0 file, or a cut line). */
    TOO_FEW_COLUMNS("too few columns"),
    /** GLOBALEVENTID is not a positive number: the fact's ids are derived from it. */
    BAD_EVENT_ID("bad GLOBALEVENTID"),
    /** Actor1CountryCode or Actor2CountryCode is empty: an actor GDELT tied to no country. */
    NO_COUNTRY("an actor without country"),
    /** A country code that names no state: a region (EUR, AFR, WST ...) or an unknown code. */
    NOT_A_STATE("an actor that is not a state"),
    /** Both actors are the same state: not a relation between two. */
    SAME_ACTOR("the same state on both sides"),
    /** EventCode is not a code of the shipped CAMEO codebook. */
    UNKNOWN_CAMEO_CODE("unknown CAMEO code"),
    /** SQLDATE is not a real day written YYYYMMDD. */
    BAD_DATE("bad SQLDATE"),
    /** SOURCEURL is empty: every fact cites a source. */
    NO_SOURCE_URL("no source URL"),
    /** SOURCEURL is not an absolute http(s) URL, as event-service requires. */
    BAD_SOURCE_URL("bad source URL"),
    /** The fact breaks a rule of the contract (FactRules): say, a former state after it ended. */
    REFUSED_BY_RULES("refused by the fact rules"),
    /** A GLOBALEVENTID seen before in the same file: one fact, imported once. */
    REPEATED_IN_FILE("GLOBALEVENTID repeated in the file");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }
}
