-- Some facts carry no date of their own ("Belgium has an embassy in Beijing", "see also"
-- links): their occurred, bounds and precision are absent, never invented.
ALTER TABLE facts ALTER COLUMN occurred DROP NOT NULL;
ALTER TABLE facts ALTER COLUMN precision DROP NOT NULL;
