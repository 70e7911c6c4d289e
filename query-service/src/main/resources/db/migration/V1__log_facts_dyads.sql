-- Where each partition of the events topic has been applied up to. Written in the same
-- transaction as the read-model rows a batch changes, so the two never disagree.
CREATE TABLE projection_offsets (
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- Every event the projection committed, in log order: the fact histories, the stream's
-- catch-up, and the guard that makes applying an event idempotent (by event id).
CREATE TABLE events (
    event_id      uuid        PRIMARY KEY,
    log_partition integer     NOT NULL,
    log_offset    bigint      NOT NULL,
    dyad          text        NOT NULL,
    type          text        NOT NULL,
    fact_id       text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    payload       jsonb       NOT NULL,
    UNIQUE (log_partition, log_offset)
);
CREATE INDEX events_by_fact ON events (fact_id, log_partition, log_offset);

-- The current state of each fact.
CREATE TABLE facts (
    fact_id     text             PRIMARY KEY,
    dyad        text             NOT NULL,
    type        text             NOT NULL,
    occurred    text             NOT NULL,   -- EDTF as recorded, never padded
    earliest    date,                        -- derived from occurred; null = open start
    latest      date,                        -- derived from occurred; null = open end
    precision   text             NOT NULL,   -- day | month | year
    certainty   text,
    sources     jsonb            NOT NULL,
    payload     jsonb            NOT NULL,   -- the event JSON of the current revision
    cameo       text,
    goldstein   double precision,
    revision    integer          NOT NULL,
    retracted   boolean          NOT NULL DEFAULT false,
    recorded_at timestamptz      NOT NULL,   -- when the fact was first recorded
    updated_at  timestamptz      NOT NULL    -- when its latest revision was recorded
);
CREATE INDEX facts_timeline ON facts (dyad, earliest, precision);

-- One row per dyad: the summary's stored part (counts by type are grouped from facts at query time).
CREATE TABLE dyads (
    dyad                     text        PRIMARY KEY,
    first_actor              text        NOT NULL,
    second_actor             text        NOT NULL,
    relations_since          text,          -- EDTF of the earliest "relations established"
    relations_since_earliest date,
    relations_since_precision text,
    relations_fact_id        text,
    first_recorded_at        timestamptz NOT NULL,
    last_recorded_at         timestamptz NOT NULL
);
CREATE INDEX dyads_by_first_actor ON dyads (first_actor);
CREATE INDEX dyads_by_second_actor ON dyads (second_actor);
