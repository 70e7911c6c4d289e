package io.bilateral.query.readmodel.fact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** The columns of {@code facts} that queries filter and group on; written by {@link FactProjection}. */
@Entity
@Table(name = "facts")
public class FactRow {

    // Each text column says so: Hibernate's check of the mapping (dev mode) expects varchar otherwise.
    @Id
    @Column(name = "fact_id", columnDefinition = "text")
    public String factId;

    @Column(columnDefinition = "text")
    public String dyad;

    @Column(columnDefinition = "text")
    public String type;

    @Column(columnDefinition = "text")
    public String occurred;

    public LocalDate earliest;

    @Column(columnDefinition = "text")
    public String precision;

    public boolean retracted;
}
