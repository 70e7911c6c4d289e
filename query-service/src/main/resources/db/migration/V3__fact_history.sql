-- Every revision of every fact: the recording event, then each amendment or retraction
-- that applied. Stored events are never rewritten; this is the fold's trail.
CREATE TABLE fact_revisions (
    fact_id     text        NOT NULL,
    revision    integer     NOT NULL,
    event_id    uuid        NOT NULL,
    kind        text        NOT NULL,      -- RECORDED | AMENDED | RETRACTED
    reason      text,
    sources     jsonb       NOT NULL,
    changes     jsonb,                     -- what an amendment changed
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (fact_id, revision)
);

-- Corrections that were not applied: based on a revision that is no longer current, aimed at
-- an unknown fact, or leaving the fact invalid. Recorded, never silently dropped.
CREATE TABLE fact_conflicts (
    event_id          uuid        PRIMARY KEY,
    fact_id           text        NOT NULL,
    based_on_revision integer     NOT NULL,
    current_revision  integer,
    reason            text        NOT NULL,
    payload           jsonb       NOT NULL,
    recorded_at       timestamptz NOT NULL
);
CREATE INDEX fact_conflicts_by_fact ON fact_conflicts (fact_id);

-- "Relations since" is read from the current facts (so a retraction or an amended date shows
-- at once), no longer kept on the dyad row.
ALTER TABLE dyads DROP COLUMN relations_since, DROP COLUMN relations_since_earliest,
                  DROP COLUMN relations_since_precision, DROP COLUMN relations_fact_id;
