package io.bilateral.importer.gdelt;

/**
 * The columns of a GDELT 2.0 event export row that the import reads (tab-separated, no header,
 * 61 columns; see GDELT's Event Codebook V2.0). The others (actors' known groups, religions,
 * types, Goldstein score, mentions, tone, geography) are GDELT's own coding or counts of its
 * sources, not the fact: the fact's coding comes from the CAMEO codebook.
 */
final class GdeltColumns {

    static final int COUNT = 61;

    static final int GLOBALEVENTID = 0;
    /** YYYYMMDD: the day of the event as GDELT dates it. */
    static final int SQLDATE = 1;
    static final int ACTOR1_NAME = 6;
    static final int ACTOR1_COUNTRY = 7;
    static final int ACTOR2_NAME = 16;
    static final int ACTOR2_COUNTRY = 17;
    /** The full CAMEO code (three or four digits, leading zero kept: 042, 0211). */
    static final int EVENT_CODE = 26;
    /** YYYYMMDDHHMMSS (UTC): when GDELT added the row, i.e. read the article. */
    static final int DATEADDED = 59;
    static final int SOURCEURL = 60;

    private GdeltColumns() {
    }
}
