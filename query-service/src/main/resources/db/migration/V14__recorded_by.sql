-- Who recorded each revision of a fact, and each refused correction: the principal event-service
-- took from the verified token (the event's recordedBy). Null for events recorded before it was
-- kept: the API says "unknown". The index serves "which facts did this subject record or correct?".
ALTER TABLE fact_revisions ADD COLUMN recorded_by jsonb;
ALTER TABLE fact_conflicts ADD COLUMN recorded_by jsonb;
CREATE INDEX fact_revisions_by_subject ON fact_revisions ((recorded_by->>'subject'), fact_id);
