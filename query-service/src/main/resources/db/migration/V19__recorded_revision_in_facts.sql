-- A fact's first revision (RECORDED) was a row of fact_revisions of its own, written for every
-- fact recorded: about a quarter of the projection's row statements per event (BENCHMARKS.md,
-- 2026-12-07). Everything it held is already in the fact's row: facts.payload is the recording
-- event's JSON with its eventId and recordedBy (an amendment never changes them: FactAmended
-- refuses them among its changes), facts.recorded_at is its time, and its sources are the
-- event's (events.payload, V18). So fact_revisions now holds the corrections' revisions only,
-- and a fact's history reads revision 1 from its row (FactResource).
--
-- Should a fact's payload not carry its recording event's id or author (written before the
-- envelope held them), they are copied in from revision 1 before that row goes.
UPDATE facts f
SET payload = f.payload || jsonb_strip_nulls(jsonb_build_object('eventId', r.event_id::text, 'recordedBy', r.recorded_by))
FROM fact_revisions r
WHERE r.fact_id = f.fact_id AND r.revision = 1
  AND (f.payload->>'eventId' IS DISTINCT FROM r.event_id::text OR f.payload->'recordedBy' IS DISTINCT FROM r.recorded_by);
DELETE FROM fact_revisions WHERE revision = 1;
