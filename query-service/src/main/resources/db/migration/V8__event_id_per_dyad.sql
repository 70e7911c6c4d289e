-- An event id is unique within a dyad's history, not across dyads: event-service cannot check
-- across dyads, and the log orders events only within one. Keyed by dyad and event id, an id a
-- client reuses in another dyad is another event, whichever partition is applied first.
ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (dyad, event_id);
ALTER TABLE fact_conflicts DROP CONSTRAINT fact_conflicts_pkey, ADD PRIMARY KEY (fact_id, event_id);
