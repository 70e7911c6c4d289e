package io.bilateral.query.readmodel.register;

import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/trade} answers: the trade figures as reported, in timeline order. */
public record TradeFigures(String dyad, List<Figure> trade) {

    /** A figure: who reported it about whom, the flow, value and currency, and the partner's rank, share and growth. */
    @Schema(name = "TradeFigure")
    public record Figure(String factId, String occurred, String precision, String certainty, String summary,
                         @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                         String reporter, String partner, String flow, Number value, String currency, String qualifier,
                         Integer partnerRank, Number sharePercent, Number averageAnnualGrowthPercent) {
    }
}
