package io.bilateral.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison the crash tests rest on reports every way two projections can differ. */
class ReadModelsTest {

    static final List<String> COLUMNS = List.of("fact_id", "revision");
    static final List<String> R1 = List.of("bel-chn-f1", "1");
    static final List<String> R2 = List.of("bel-chn-f1", "2");
    static final List<String> R3 = List.of("bel-chn-f2", "1");

    static ReadModels.Snapshot revisions(List<List<String>> rows) {
        return new ReadModels.Snapshot(Map.of("fact_revisions", COLUMNS), Map.of("fact_revisions", rows));
    }

    @Test
    void sameRows_noDifference() {
        assertThat(ReadModels.differences("fold", revisions(List.of(R1, R2, R3)), "crashed", revisions(List.of(R1, R2, R3))))
                .isEmpty();
    }

    @Test
    void aRowDoubled_isADifference() {
        assertThat(ReadModels.differences("fold", revisions(List.of(R1, R2, R3)), "crashed", revisions(List.of(R1, R2, R2, R3))))
                .containsExactly("fact_revisions: 3 rows in fold, 4 in crashed; 1 distinct rows differ, such as:",
                        "fact_revisions: 1 in fold, 2 in crashed: fact_id=bel-chn-f1, revision=2");
    }

    @Test
    void aRowLost_isADifference() {
        assertThat(ReadModels.differences("fold", revisions(List.of(R1, R2, R3)), "crashed", revisions(List.of(R1, R3))))
                .contains("fact_revisions: 1 in fold, 0 in crashed: fact_id=bel-chn-f1, revision=2");
    }

    @Test
    void aValueChanged_isTwoDifferentRows_evenWithTheSameCount() {
        assertThat(ReadModels.differences("fold", revisions(List.of(R1, R2)), "crashed", revisions(List.of(R1, R3))))
                .hasSize(3)
                .contains("fact_revisions: 1 in fold, 0 in crashed: fact_id=bel-chn-f1, revision=2",
                        "fact_revisions: 0 in fold, 1 in crashed: fact_id=bel-chn-f2, revision=1");
    }

    @Test
    void aTableOnOneSideOnly_isADifference() {
        ReadModels.Snapshot none = new ReadModels.Snapshot(Map.of(), Map.of());
        assertThat(ReadModels.differences("fold", revisions(List.of(R1)), "crashed", none))
                .containsExactly("fact_revisions: only in fold");
    }
}
