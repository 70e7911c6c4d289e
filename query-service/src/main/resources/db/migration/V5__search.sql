-- Full-text search over every text of a fact's current revision (names, offices, summaries,
-- sources' titles and locators). The 'simple' configuration: no stemming, so names in any
-- language match as written.
ALTER TABLE facts ADD COLUMN search tsvector
    GENERATED ALWAYS AS (jsonb_to_tsvector('simple'::regconfig, payload, '["string"]'::jsonb)) STORED;
CREATE INDEX facts_search ON facts USING gin (search);
