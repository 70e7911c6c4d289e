-- The stream's order (GET /events/stream): every committed event gets the next number of one
-- sequence, in commit order. Kafka offsets order events only within a partition, and an event
-- parked and applied later would sit behind positions a subscriber already passed; a number
-- given at commit time is one total order in which nothing committed later is ever numbered
-- lower. The projection takes the head row FOR UPDATE for its whole transaction, so numbers
-- are handed out, and made visible, in the order transactions commit.
CREATE TABLE stream_head (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_seq bigint  NOT NULL
);

ALTER TABLE events ADD COLUMN seq bigint, ADD COLUMN source text;
-- Events projected before this migration: numbered in log order within each partition.
UPDATE events e SET seq = n.seq
FROM (SELECT dyad, event_id, row_number() OVER (ORDER BY log_offset, log_partition) AS seq FROM events) n
WHERE e.dyad = n.dyad AND e.event_id = n.event_id;
ALTER TABLE events ALTER COLUMN seq SET NOT NULL;
-- Deferrable: a rebuild renumbers its events to the live numbers in one statement at the swap.
ALTER TABLE events ADD CONSTRAINT events_seq_key UNIQUE (seq) DEFERRABLE INITIALLY IMMEDIATE;
-- A stream of one dyad catches up through this index instead of walking the whole sequence.
CREATE INDEX events_by_dyad_seq ON events (dyad, seq);

INSERT INTO stream_head (last_seq) SELECT coalesce(max(seq), 0) FROM events;

-- The record's CloudEvents source (ce_source), kept so that the stream repeats it.
ALTER TABLE parked_events ADD COLUMN source text;
