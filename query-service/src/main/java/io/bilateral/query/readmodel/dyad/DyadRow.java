package io.bilateral.query.readmodel.dyad;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A row of {@code dyads}, written by {@link DyadProjection}; read-only here. */
@Entity
@Table(name = "dyads")
public class DyadRow {

    @Id
    public String dyad;

    @Column(name = "first_actor")
    public String firstActor;

    @Column(name = "second_actor")
    public String secondActor;

    @Column(name = "first_recorded_at")
    public OffsetDateTime firstRecordedAt;

    @Column(name = "last_recorded_at")
    public OffsetDateTime lastRecordedAt;
}
