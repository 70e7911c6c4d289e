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

    @Id
    @Column(name = "fact_id")
    public String factId;

    public String dyad;

    public String type;

    public String occurred;

    public LocalDate earliest;

    public String precision;

    public boolean retracted;
}
