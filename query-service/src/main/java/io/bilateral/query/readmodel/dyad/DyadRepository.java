package io.bilateral.query.readmodel.dyad;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads for the dyad summary. */
@ApplicationScoped
@WithSession
public class DyadRepository implements PanacheRepositoryBase<DyadRow, String> {

    public Uni<DyadRow> findByDyad(String dyad) {
        return findById(dyad);
    }

    /**
     * Since when relations exist: the earliest current "relations established" fact, by date
     * then precision (a dyad's facts of one type: facts_by_type_order). Empty when there is none.
     */
    public Uni<DyadSummary.RelationsSince> relationsSince(String dyad) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select f.occurred, f.precision, f.factId from FactRow f where f.dyad = :dyad "
                                + "and f.type = 'DiplomaticRelationsEstablished' and f.retracted = false "
                                + "order by f.earliest nulls last, f.precision, f.factId", Object[].class)
                .setParameter("dyad", dyad)
                .setMaxResults(1)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new DyadSummary.RelationsSince((String) rows.get(0)[0], (String) rows.get(0)[1], (String) rows.get(0)[2]));
    }
}
