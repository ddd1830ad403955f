package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.fetcher.schedule.ReconcileSchedule;
import io.tributary.fetcher.schedule.ReconcileSchedule.Observed;
import io.tributary.fetcher.schedule.ReconcileSchedule.Requested;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconcileScheduleTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aNewObjectIsDueAtOnce() {
        var decision = ReconcileSchedule.decide(new Observed(1, null, false, INTERVAL), null, T0);
        assertThat(decision.reason()).isEqualTo("Created");
        assertThat(decision.next()).isEqualTo(INTERVAL);
    }

    @Test
    void nothingIsDueBeforeTheIntervalElapses() {
        var last = new Requested(1, null, T0, 0);
        var decision = ReconcileSchedule.decide(new Observed(1, null, false, INTERVAL), last, T0.plusSeconds(60));
        assertThat(decision.due()).isFalse();
        assertThat(decision.next()).isEqualTo(Duration.ofMinutes(4));
        assertThat(ReconcileSchedule.decide(new Observed(1, null, false, INTERVAL), last, T0.plus(INTERVAL)).reason())
                .isEqualTo("IntervalElapsed");
    }

    @Test
    void aSpecChangeOrANewRequestedAtIsDueAtOnce() {
        var last = new Requested(1, "a", T0, 0);
        assertThat(ReconcileSchedule.decide(new Observed(2, "a", false, INTERVAL), last, T0.plusSeconds(1)).reason())
                .isEqualTo("SpecChanged");
        assertThat(ReconcileSchedule.decide(new Observed(1, "b", false, INTERVAL), last, T0.plusSeconds(1)).reason())
                .isEqualTo("RequestedAt");
        assertThat(ReconcileSchedule.decide(new Observed(1, "a", false, INTERVAL), last, T0.plusSeconds(1)).due()).isFalse();
    }

    @Test
    void failuresAreRetriedWithExponentialBackoffCappedAtTheInterval() {
        Observed failing = new Observed(1, null, true, INTERVAL);
        var first = ReconcileSchedule.decide(failing, new Requested(1, null, T0, 0), T0.plusSeconds(2));
        assertThat(first.reason()).isEqualTo("Retry");
        assertThat(first.record().failedAttempts()).isEqualTo(1);
        assertThat(first.next()).isEqualTo(Duration.ofSeconds(4));
        var later = ReconcileSchedule.decide(failing, new Requested(1, null, T0, 12), T0.plusSeconds(10));
        assertThat(later.due()).isFalse();
        assertThat(later.next()).isEqualTo(INTERVAL.minusSeconds(10));
    }

    @Test
    void jitterStaysWithinFivePercent() {
        assertThat(ReconcileSchedule.jitter(Duration.ofSeconds(100), 0.0)).isEqualTo(Duration.ofSeconds(95));
        assertThat(ReconcileSchedule.jitter(Duration.ofSeconds(100), 1.0)).isEqualTo(Duration.ofSeconds(105));
    }
}
