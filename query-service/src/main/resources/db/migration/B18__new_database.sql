-- The read models as V1 to V18 leave them, in one script: Flyway runs it instead of those
-- eighteen on an empty schema (a new installation, a rebuild's schema, a test's database) and
-- ignores it wherever migrations were applied before, so existing databases keep upgrading
-- through the V scripts. One script instead of eighteen, each in a transaction of its own,
-- takes 0.1-0.2 s off query-service's start on a new database (BENCHMARKS.md, 2026-12-06).
-- A migration after V18 is a V19 script as usual; this file does not change. MigrationsTest
-- checks that it gives exactly the tables, columns, constraints, indexes and rows of V1 to V18.

CREATE TABLE dyads (
    dyad text NOT NULL PRIMARY KEY,
    first_actor text NOT NULL,
    second_actor text NOT NULL,
    first_recorded_at timestamp with time zone NOT NULL,
    last_recorded_at timestamp with time zone NOT NULL
);
CREATE INDEX dyads_by_first_actor ON dyads (first_actor);
CREATE INDEX dyads_by_second_actor ON dyads (second_actor);

CREATE TABLE events (
    event_id uuid NOT NULL,
    log_partition integer NOT NULL,
    log_offset bigint NOT NULL,
    dyad text NOT NULL,
    type text NOT NULL,
    fact_id text NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    payload jsonb NOT NULL,
    seq bigint NOT NULL,
    source text,
    concerns text[],
    traceparent text,
    PRIMARY KEY (dyad, event_id),
    UNIQUE (seq) DEFERRABLE
);
CREATE INDEX events_by_dyad_seq ON events (dyad, seq);
CREATE INDEX events_concerning ON events (seq) WHERE concerns IS NOT NULL;

CREATE TABLE stream_head (
    only_row boolean DEFAULT true NOT NULL PRIMARY KEY CHECK (only_row),
    last_seq bigint NOT NULL
);
INSERT INTO stream_head (last_seq) VALUES (0);

CREATE TABLE facts (
    fact_id text NOT NULL PRIMARY KEY,
    dyad text NOT NULL,
    type text NOT NULL,
    occurred text,
    earliest date,
    latest date,
    precision text,
    certainty text,
    payload jsonb NOT NULL,
    cameo text,
    goldstein double precision,
    revision integer NOT NULL,
    retracted boolean DEFAULT false NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);
CREATE INDEX facts_timeline_order ON facts (
    dyad,
    (CASE WHEN occurred IS NULL THEN 'infinity'::date ELSE COALESCE(earliest, '-infinity'::date) END),
    (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END),
    fact_id);
CREATE INDEX facts_by_type_order ON facts (
    dyad,
    type,
    (CASE WHEN occurred IS NULL THEN 'infinity'::date ELSE COALESCE(earliest, '-infinity'::date) END),
    (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END),
    fact_id)
    WHERE NOT retracted;

CREATE TABLE fact_revisions (
    fact_id text NOT NULL,
    revision integer NOT NULL,
    event_id uuid NOT NULL,
    kind text NOT NULL,
    reason text,
    sources jsonb,
    changes jsonb,
    recorded_at timestamp with time zone NOT NULL,
    recorded_by jsonb,
    PRIMARY KEY (fact_id, revision)
);
CREATE INDEX fact_revisions_by_subject ON fact_revisions ((recorded_by->>'subject'), fact_id);

CREATE TABLE fact_conflicts (
    event_id uuid NOT NULL,
    fact_id text NOT NULL,
    based_on_revision integer NOT NULL,
    current_revision integer,
    reason text NOT NULL,
    payload jsonb NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    recorded_by jsonb,
    PRIMARY KEY (fact_id, event_id)
);
CREATE INDEX fact_conflicts_by_fact ON fact_conflicts (fact_id);

CREATE TABLE fact_concerns (
    dyad text NOT NULL,
    fact_id text NOT NULL,
    PRIMARY KEY (dyad, fact_id)
);
CREATE INDEX fact_concerns_by_fact ON fact_concerns (fact_id);

CREATE TABLE fact_counts (
    dyad text NOT NULL,
    type text NOT NULL,
    facts bigint NOT NULL,
    cooperative bigint NOT NULL,
    cooperation numeric NOT NULL,
    conflictual bigint NOT NULL,
    conflict numeric NOT NULL,
    PRIMARY KEY (dyad, type)
);

CREATE TABLE fact_search (
    fact_id text NOT NULL PRIMARY KEY,
    search tsvector NOT NULL
);
CREATE INDEX fact_search_words ON fact_search USING gin (search);

CREATE TABLE search_position (
    only_row boolean DEFAULT true NOT NULL PRIMARY KEY CHECK (only_row),
    last_seq bigint NOT NULL
);
INSERT INTO search_position (last_seq) VALUES (0);

CREATE TABLE parked_events (
    log_partition integer NOT NULL,
    log_offset bigint NOT NULL,
    dyad text NOT NULL,
    event_id text,
    type text,
    value bytea NOT NULL,
    status text NOT NULL CHECK (status IN ('poison', 'held', 'skipped')),
    reason text,
    stack_trace text,
    attempts integer DEFAULT 1 NOT NULL,
    parked_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone,
    source text,
    PRIMARY KEY (log_partition, log_offset)
);
CREATE INDEX parked_events_open ON parked_events (dyad, log_partition, log_offset) WHERE status <> 'skipped';

CREATE TABLE projection_offsets (
    topic text NOT NULL,
    partition integer NOT NULL,
    next_offset bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    PRIMARY KEY (topic, partition)
);
