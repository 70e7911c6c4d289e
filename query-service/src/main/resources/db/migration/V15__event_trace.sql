-- The trace an event was published in (W3C traceparent, from its record's ce_traceparent
-- header), when tracing was on: the stream repeats it in each CloudEvent it sends
-- (CloudEvents' distributed-tracing extension), and its delivery span joins that trace.
ALTER TABLE events ADD COLUMN traceparent text;
