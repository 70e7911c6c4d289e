-- Two indexes that no query reads, each paid on every insert of the projection.
-- facts_timeline (dyad, earliest, precision) was the first timeline's: the timeline, the
-- registers, the summary and the series read facts_timeline_order and facts_by_type_order
-- (V4, V6, V10). events_by_fact (V1): a fact's history is read from fact_revisions (V3), and
-- the stream reads events by number or by dyad. QueryPlansTest checks that every index left
-- on facts and events backs a constraint or serves a hot query. Measured in psql on 250,000
-- facts and events, dropping them took about a fifth off inserting a fact and a tenth off
-- inserting an event (BENCHMARKS.md).
DROP INDEX facts_timeline;
DROP INDEX events_by_fact;
