-- The summary and the registers read one dyad's current facts of one type, latest or in
-- timeline order: this index gives them that order without reading the dyad's other facts.
CREATE INDEX facts_by_type_order ON facts (
    dyad,
    type,
    (CASE WHEN occurred IS NULL THEN 'infinity'::date ELSE COALESCE(earliest, '-infinity'::date) END),
    (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END),
    fact_id)
    WHERE NOT retracted;
