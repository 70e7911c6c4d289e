-- Events the projection could not apply (status poison), and the later events of the same dyad
-- held behind them (status held) so that the dyad's order holds while every other dyad keeps
-- flowing. An operator retries a dyad (after a fix) or skips its poison event; skipped events
-- stay here, resolved, as the record of what was left out of the read models.
CREATE TABLE parked_events (
    log_partition integer     NOT NULL,
    log_offset    bigint      NOT NULL,
    dyad          text        NOT NULL,
    event_id      text,                    -- null when the record could not even be read
    type          text,
    value         bytea       NOT NULL,    -- the record's value as in the log, applied on retry
    status        text        NOT NULL CHECK (status IN ('poison', 'held', 'skipped')),
    reason        text,
    stack_trace   text,
    attempts      integer     NOT NULL DEFAULT 1,
    parked_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz,
    PRIMARY KEY (log_partition, log_offset)
);
CREATE INDEX parked_events_open ON parked_events (dyad, log_partition, log_offset) WHERE status <> 'skipped';
