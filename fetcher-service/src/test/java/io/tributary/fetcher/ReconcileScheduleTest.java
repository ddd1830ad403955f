package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.fetcher.schedule.ReconcileSchedule;
import io.tributary.fetcher.schedule.ReconcileSchedule.Observed;
import io.tributary.fetcher.schedule.ReconcileSchedule.Requested;
import io.tributary.operator.FailureKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconcileScheduleTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aNewObjectIsDueAtOnce() {
        var decision = ReconcileSchedule.decide(new Observed(1, null, null, INTERVAL), null, T0);
        assertThat(decision.reason()).isEqualTo("Created");
        assertThat(decision.next()).contains(INTERVAL);
    }

    @Test
    void nothingIsDueBeforeTheIntervalElapses() {
        var last = new Requested(1, null, T0, 0);
        var decision = ReconcileSchedule.decide(new Observed(1, null, null, INTERVAL), last, T0.plusSeconds(60));
        assertThat(decision.due()).isFalse();
        assertThat(decision.next()).contains(Duration.ofMinutes(4));
        assertThat(ReconcileSchedule.decide(new Observed(1, null, null, INTERVAL), last, T0.plus(INTERVAL)).reason())
                .isEqualTo("IntervalElapsed");
    }

    @Test
    void aSpecChangeOrANewRequestedAtIsDueAtOnce() {
        var last = new Requested(1, "a", T0, 0);
        assertThat(ReconcileSchedule.decide(new Observed(2, "a", null, INTERVAL), last, T0.plusSeconds(1)).reason())
                .isEqualTo("SpecChanged");
        assertThat(ReconcileSchedule.decide(new Observed(1, "b", null, INTERVAL), last, T0.plusSeconds(1)).reason())
                .isEqualTo("RequestedAt");
        assertThat(ReconcileSchedule.decide(new Observed(1, "a", null, INTERVAL), last, T0.plusSeconds(1)).due()).isFalse();
    }

    @Test
    void failuresAreRetriedWithExponentialBackoffCappedAtTheInterval() {
        Observed failing = new Observed(1, null, FailureKind.RETRYABLE, INTERVAL);
        var first = ReconcileSchedule.decide(failing, new Requested(1, null, T0, 0), T0.plusSeconds(2));
        assertThat(first.reason()).isEqualTo("Retry");
        assertThat(first.record().failedAttempts()).isEqualTo(1);
        assertThat(first.next()).contains(Duration.ofSeconds(4));
        var later = ReconcileSchedule.decide(failing, new Requested(1, null, T0, 12), T0.plusSeconds(10));
        assertThat(later.due()).isFalse();
        assertThat(later.next()).contains(INTERVAL.minusSeconds(10));
    }

    @Test
    void aStalledSourceIsNotRetriedUntilItsSpecChangesOrAReconcileIsRequested() {
        Observed stalled = new Observed(1, "a", FailureKind.STALLING, INTERVAL);
        var last = new Requested(1, "a", T0, 3);
        var muchLater = ReconcileSchedule.decide(stalled, last, T0.plus(INTERVAL.multipliedBy(10)));
        assertThat(muchLater.due()).isFalse();
        assertThat(muchLater.next()).isEmpty();
        assertThat(ReconcileSchedule.decide(new Observed(2, "a", null, INTERVAL), last, T0.plusSeconds(1)).reason()).isEqualTo("SpecChanged");
        assertThat(ReconcileSchedule.decide(new Observed(1, "b", FailureKind.STALLING, INTERVAL), last, T0.plusSeconds(1)).reason())
                .isEqualTo("RequestedAt");
    }

    @Test
    void aStalledSourceSeenFirstAfterARestartIsNotFetched() {
        var decision = ReconcileSchedule.decide(new Observed(4, null, FailureKind.STALLING, INTERVAL), null, T0);
        assertThat(decision.due()).isFalse();
        assertThat(decision.next()).isEmpty();
        assertThat(decision.record().generation()).isEqualTo(4);
    }

    @Test
    void anInvalidSpecIsRequestedOnceSoThatTheWorkerReportsItAndThenNotRequeued() {
        Observed invalid = new Observed(1, null, null, null);
        var first = ReconcileSchedule.decide(invalid, null, T0);
        assertThat(first.reason()).isEqualTo("Created");
        assertThat(first.next()).isEmpty();
        assertThat(ReconcileSchedule.decide(invalid, first.record(), T0.plus(INTERVAL)).due()).isFalse();
    }

    @Test
    void aWaitingSourceIsLookedAtAgainSoonWithoutBackoff() {
        Observed waiting = new Observed(1, null, FailureKind.WAITING, INTERVAL);
        var retry = ReconcileSchedule.decide(waiting, new Requested(1, null, T0, 0), T0.plusSeconds(10));
        assertThat(retry.reason()).isEqualTo("Retry");
        assertThat(retry.record().failedAttempts()).isZero();
        assertThat(retry.next()).contains(Duration.ofSeconds(10));
        assertThat(ReconcileSchedule.decide(waiting, retry.record(), T0.plusSeconds(15)).due()).isFalse();
    }

    @Test
    void jitterStaysWithinFivePercent() {
        assertThat(ReconcileSchedule.jitter(Duration.ofSeconds(100), 0.0)).isEqualTo(Duration.ofSeconds(95));
        assertThat(ReconcileSchedule.jitter(Duration.ofSeconds(100), 1.0)).isEqualTo(Duration.ofSeconds(105));
    }
}
