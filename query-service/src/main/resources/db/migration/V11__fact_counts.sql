-- The summary's counts and Goldstein balance per dyad and type, kept by the projection
-- (+1 for each new fact, -1 for each retraction), so that a summary reads a few rows
-- whatever the size of the dyad. Sums are numeric: scores are added and taken away
-- exactly, with no drift however many corrections a dyad sees.
CREATE TABLE fact_counts (
    dyad        text    NOT NULL,
    type        text    NOT NULL,
    facts       bigint  NOT NULL,   -- current (not retracted) facts
    cooperative bigint  NOT NULL,   -- of which scored above 0
    cooperation numeric NOT NULL,   -- the sum of their scores
    conflictual bigint  NOT NULL,   -- of which scored below 0
    conflict    numeric NOT NULL,   -- the sum of their scores
    PRIMARY KEY (dyad, type)
);

INSERT INTO fact_counts (dyad, type, facts, cooperative, cooperation, conflictual, conflict)
SELECT dyad, type, count(*),
       count(*) FILTER (WHERE goldstein > 0), COALESCE(sum(goldstein::numeric) FILTER (WHERE goldstein > 0), 0),
       count(*) FILTER (WHERE goldstein < 0), COALESCE(sum(goldstein::numeric) FILTER (WHERE goldstein < 0), 0)
FROM facts WHERE NOT retracted
GROUP BY dyad, type;
