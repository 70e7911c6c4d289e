-- A fact belongs to one dyad, and may concern others (alsoConcerns): a third party's office in
-- one state, recorded under that pair, concerns the state's relation with the third party's
-- rival. The concerned dyads' timelines and search show it, always in its current state (read
-- from facts), so no read model depends on how two partitions interleave.
CREATE TABLE fact_concerns (
    dyad    text NOT NULL,   -- a dyad the fact concerns (not its own)
    fact_id text NOT NULL,
    PRIMARY KEY (dyad, fact_id)
);
CREATE INDEX fact_concerns_by_fact ON fact_concerns (fact_id);

-- The dyads, other than its own, whose reads an event changed: a new fact's alsoConcerns, and
-- for a correction the dyads its fact concerned before or after. Each instance's kept answers
-- (RenderedReads) of those dyads end with the event, as those of its own dyad do. Null: none.
ALTER TABLE events ADD COLUMN concerns text[];
-- A dyad's stream subscribers get those events too: the few of them, in stream order.
CREATE INDEX events_concerning ON events (seq) WHERE concerns IS NOT NULL;
