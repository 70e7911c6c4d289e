package io.bilateral.events.envelope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsistencyTokenTest {

    @Test
    void token_keepsTheLastOffsetPerPartition_andReadsBackItsOwnText() {
        ConsistencyToken token = ConsistencyToken.of(List.of(new LogPosition(2, 41), new LogPosition(0, 12), new LogPosition(2, 7)));
        assertThat(token.toString()).isEqualTo("0:12,2:41");
        assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
    }

    @Test
    void token_isPassed_onlyWhenEveryPartitionsNextOffsetIsBeyondIt() {
        ConsistencyToken token = ConsistencyToken.parse("0:12,2:41");
        assertThat(token.passedBy(Map.of(0, 13L, 2, 42L))).isTrue();
        assertThat(token.passedBy(Map.of(0, 13L, 2, 41L))).isFalse();
        assertThat(token.passedBy(Map.of(0, 13L))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "2", "2:", ":41", "a:1", "1:b", "-1:4", "1:-4", "1:2:3", "1:2,", "99999999999:1"})
    void malformedTokens_areRefused_sayingWhy(String text) {
        assertThatThrownBy(() -> ConsistencyToken.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(partition:offset|empty).*");
    }
}
