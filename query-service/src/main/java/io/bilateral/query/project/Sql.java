package io.bilateral.query.project;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Conversions the reactive PostgreSQL client needs. */
public final class Sql {

    private Sql() {
    }

    /** The client binds timestamptz from OffsetDateTime, not Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Parameters in order; nulls allowed (SQL NULL). */
    public static Tuple tuple(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }
}
