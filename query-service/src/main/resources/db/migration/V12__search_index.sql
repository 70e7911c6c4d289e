-- Full-text search gets a projection of its own (SearchIndexer), off the transaction that
-- applies each batch: computing a fact's tsvector and adding it to a GIN index cost about
-- seven eighths of inserting the fact. The index follows the stream numbers (V9) with its own
-- position, kept in the same transaction as the rows it indexed; search shows a fact once it
-- has caught up with it, and the projection's status says by how much it trails.
CREATE TABLE fact_search (
    fact_id text     PRIMARY KEY,
    search  tsvector NOT NULL
);
-- A fact's words: its strings but the ids, the recording time and the derived coding (no
-- one's search terms, and a quarter of the lexemes, each a GIN entry). SearchIndexer.WORDS.
INSERT INTO fact_search (fact_id, search)
SELECT fact_id, jsonb_to_tsvector('simple'::regconfig, payload - '{eventId,factId,recordedAt,coding}'::text[], '["string"]'::jsonb)
FROM facts;
CREATE INDEX fact_search_words ON fact_search USING gin (search);

-- The last stream number whose fact is indexed.
CREATE TABLE search_position (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_seq bigint  NOT NULL
);
INSERT INTO search_position (last_seq) SELECT last_seq FROM stream_head;

DROP INDEX facts_search;
ALTER TABLE facts DROP COLUMN search;
