package io.bilateral.ingest.validate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    @Test
    void everyIdIsNewOnce_andARepeatNamesTheIndexItFirstCameAt_acrossManyGrowths() {
        EventIds ids = new EventIds();
        List<UUID> given = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            UUID id = UUID.randomUUID();
            given.add(id);
            assertThat(ids.putIfAbsent(id, i)).isEqualTo(-1);
        }
        for (int i = 0; i < given.size(); i += 997) {
            assertThat(ids.putIfAbsent(given.get(i), 1_000_000 + i)).isEqualTo(i);
        }
        assertThat(ids.size()).isEqualTo(200_000);
    }

    @Test
    void idsThatDifferInOneHalfOnly_orShareTheirFoldedHash_areStillDifferent() {
        EventIds ids = new EventIds();
        // UUID.hashCode folds the halves with xor: these all share it, and share one half each.
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.putIfAbsent(new UUID(i, i), i)).isEqualTo(-1);
            assertThat(ids.putIfAbsent(new UUID(i, 0), 10_000 + i)).isEqualTo(i == 0 ? 0 : -1);
        }
        assertThat(ids.putIfAbsent(new UUID(7, 7), 99)).isEqualTo(7);
        assertThat(ids.putIfAbsent(new UUID(7, 0), 99)).isEqualTo(10_007);
    }
}
