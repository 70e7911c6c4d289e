-- An event's log position (log_partition, log_offset) was unique by constraint, and the
-- projection paid for that index on every event it inserted. No query reads events by log
-- position (the stream reads them by number or by dyad; read-your-writes asks the stored
-- offsets and parked_events), and the key (dyad, event_id) already keeps a log record from
-- being applied twice: one record is one event, whose id it carries. So the index is
-- dropped (BENCHMARKS.md, 2026-12-06); the columns stay, the stream still serves them.
ALTER TABLE events DROP CONSTRAINT events_log_partition_log_offset_key;
