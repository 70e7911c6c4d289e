-- An interval with an open start ("../1985") comes first on a timeline, as PartialDate sorts
-- it; only an undated fact comes last. The order expression changes, and its index with it.
DROP INDEX facts_timeline_order;
CREATE INDEX facts_timeline_order ON facts (
    dyad,
    (CASE WHEN occurred IS NULL THEN 'infinity'::date ELSE COALESCE(earliest, '-infinity'::date) END),
    (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END),
    fact_id);
