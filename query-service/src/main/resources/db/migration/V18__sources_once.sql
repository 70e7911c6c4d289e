-- A fact's sources were stored three times per recorded fact: in facts.payload (the event's
-- JSON), in facts.sources, and in fact_revisions.sources of its revision 1, each parsed into
-- jsonb and written on every event projected. Now facts.payload->'sources' is the fact's
-- current sources (an amendment writes them there, normalised as facts.sources held them),
-- and revision 1 (RECORDED) keeps no copy: its sources are those of its event, which
-- events.payload holds. Corrections' revisions keep their own sources (a correction's own
-- evidence). BENCHMARKS.md, 2026-12-06.
UPDATE facts SET payload = jsonb_set(payload, '{sources}', sources) WHERE payload->'sources' IS DISTINCT FROM sources;
ALTER TABLE facts DROP COLUMN sources;
ALTER TABLE fact_revisions ALTER COLUMN sources DROP NOT NULL;
