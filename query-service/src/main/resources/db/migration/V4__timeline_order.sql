-- The timeline's order: earliest day (undated facts last), finer precision first, then fact id
-- as the tie-break that makes the keyset cursor exact. One index serves filter and order.
CREATE INDEX facts_timeline_order ON facts (
    dyad,
    (COALESCE(earliest, 'infinity'::date)),
    (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END),
    fact_id);
