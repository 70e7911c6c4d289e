package io.bilateral.query.readmodel.search;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The search index goes round as often as it is woken while the read models are live, and yields to their catch-up. */
class SearchPaceTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong lag = new AtomicLong();
    private final SearchPace pace = new SearchPace(lag::get, 10_000, Duration.ofSeconds(5));

    @Test
    void whileTheReadModelsAreLive_everyWakeUpStartsARound() {
        lag.set(10_000);
        assertThat(pace.mayStart(0)).isTrue();
        assertThat(pace.mayStart(1)).isTrue();
        assertThat(pace.mayStart(2)).isTrue();
    }

    @Test
    void whileTheReadModelsCatchUp_oneRoundPerInterval() {
        lag.set(10_001);
        assertThat(pace.mayStart(0)).as("the first round").isTrue();
        assertThat(pace.mayStart(SECOND)).isFalse();
        assertThat(pace.mayStart(5 * SECOND - 1)).isFalse();
        assertThat(pace.mayStart(5 * SECOND)).isTrue();
        assertThat(pace.mayStart(6 * SECOND)).isFalse();
    }

    @Test
    void onceTheReadModelsCaughtUp_theIndexGoesRoundAtOnceAgain() {
        lag.set(300_000);
        assertThat(pace.mayStart(0)).isTrue();
        assertThat(pace.mayStart(SECOND)).isFalse();
        lag.set(0);
        assertThat(pace.mayStart(SECOND + 1)).isTrue();
        assertThat(pace.mayStart(SECOND + 2)).isTrue();
    }
}
