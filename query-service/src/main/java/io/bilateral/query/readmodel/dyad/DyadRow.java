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

    // Each text column says so: Hibernate's check of the mapping (dev mode) expects varchar otherwise.
    @Id
    @Column(columnDefinition = "text")
    public String dyad;

    @Column(name = "first_actor", columnDefinition = "text")
    public String firstActor;

    @Column(name = "second_actor", columnDefinition = "text")
    public String secondActor;

    @Column(name = "first_recorded_at")
    public OffsetDateTime firstRecordedAt;

    @Column(name = "last_recorded_at")
    public OffsetDateTime lastRecordedAt;
}
