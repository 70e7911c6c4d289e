package io.bilateral.query.readmodel.dyad;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads for the dyad summary. */
@ApplicationScoped
@WithSession
public class DyadRepository implements PanacheRepositoryBase<DyadRow, String> {

    public Uni<DyadRow> findByDyad(String dyad) {
        return findById(dyad);
    }

    /** Current (not retracted) facts of a dyad, counted by type; served by the facts_timeline index. */
    public Uni<Map<String, Long>> countFactsByType(String dyad) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select f.type, count(f) from FactRow f where f.dyad = :dyad and f.retracted = false "
                                + "group by f.type order by f.type", Object[].class)
                .setParameter("dyad", dyad)
                .getResultList())
                .map(DyadRepository::toCounts);
    }

    /**
     * Since when relations exist: the earliest current "relations established" fact, by date
     * then precision (served by the facts_timeline index). Empty when there is none.
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

    private static Map<String, Long> toCounts(List<Object[]> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put((String) r[0], (Long) r[1]));
        return counts;
    }
}
