package io.bilateral.query.readmodel.search;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the read models are live, the search index goes round at most once per live interval
 * unless someone waits for it; it yields to their catch-up whoever waits.
 */
class SearchPaceTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final AtomicLong lag = new AtomicLong();
    private final SearchPace pace = new SearchPace(lag::get, 10_000, Duration.ofSeconds(5), Duration.ofMillis(100));

    @Test
    void whileTheReadModelsAreLive_wakeUpsWithinTheLiveIntervalWaitForItsEnd() {
        lag.set(10_000);
        assertThat(pace.waitBeforeRound(0, false)).as("the first round").isZero();
        assertThat(pace.waitBeforeRound(30 * MS, false)).isEqualTo(70 * MS);
        assertThat(pace.waitBeforeRound(99 * MS, false)).isEqualTo(MS);
        assertThat(pace.waitBeforeRound(100 * MS, false)).isZero();
        assertThat(pace.waitBeforeRound(150 * MS, false)).as("counted from the round just started").isEqualTo(50 * MS);
    }

    @Test
    void whileTheReadModelsAreLive_aRoundSomeoneWaitsForStartsAtOnce() {
        assertThat(pace.waitBeforeRound(0, false)).isZero();
        assertThat(pace.waitBeforeRound(MS, true)).isZero();
        assertThat(pace.waitBeforeRound(2 * MS, true)).isZero();
        assertThat(pace.waitBeforeRound(3 * MS, false)).as("the interval counts from the last round").isEqualTo(99 * MS);
    }

    @Test
    void whileTheReadModelsCatchUp_oneRoundPerYieldInterval_evenWhenSomeoneWaits() {
        lag.set(10_001);
        assertThat(pace.waitBeforeRound(0, false)).as("the first round").isZero();
        assertThat(pace.waitBeforeRound(SECOND, false)).isEqualTo(4 * SECOND);
        assertThat(pace.waitBeforeRound(SECOND, true)).isEqualTo(4 * SECOND);
        assertThat(pace.waitBeforeRound(5 * SECOND - 1, true)).isEqualTo(1);
        assertThat(pace.waitBeforeRound(5 * SECOND, false)).isZero();
        assertThat(pace.waitBeforeRound(6 * SECOND, true)).isEqualTo(4 * SECOND);
    }

    @Test
    void onceTheReadModelsCaughtUp_theLiveIntervalAppliesAgain() {
        lag.set(300_000);
        assertThat(pace.waitBeforeRound(0, false)).isZero();
        assertThat(pace.waitBeforeRound(SECOND, false)).isEqualTo(4 * SECOND);
        lag.set(0);
        assertThat(pace.waitBeforeRound(SECOND, false)).as("a second since the last round: past the live interval").isZero();
        assertThat(pace.waitBeforeRound(SECOND + 40 * MS, false)).isEqualTo(60 * MS);
    }
}
