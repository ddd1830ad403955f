package io.tributary.fetcher.schedule;

import io.tributary.operator.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides when a source is due for a fetch. Pure: the reconciler feeds it what it observes on the object and
 * what it last requested, and publishes a FetchRequested when the decision says so. The failure's kind rules:
 * a stalled source is fetched again only when its spec changes or a reconcile is requested; a waiting one is looked
 * at again soon; a retryable one backs off exponentially up to its interval.
 */
public final class ReconcileSchedule {

    /** First retry delay after a failed fetch; doubled per consecutive failure, capped at the interval. */
    static final Duration RETRY_BASE = Duration.ofSeconds(2);
    /** How often a source waiting on another one is looked at again (capped at its interval). */
    static final Duration WAIT = Duration.ofSeconds(10);

    private ReconcileSchedule() {
    }

    /**
     * What the object says now. {@code failure}: the kind of the last fetch's failure for this generation, null when it
     * did not fail; {@code interval}: null when the spec is invalid.
     */
    public record Observed(long generation, String requestedAt, FailureKind failure, Duration interval) {
        boolean stalled() {
            return failure == FailureKind.STALLING;
        }
    }

    /** The last request this scheduler published for the object (or, for a stalled one, when it was first seen). */
    public record Requested(long generation, String requestedAt, Instant at, int failedAttempts) {
    }

    /** {@code reason} is null when not due; {@code next} is when to look again, empty for never (until the object changes). */
    public record Decision(String reason, Optional<Duration> next, Requested record) {
        public boolean due() {
            return reason != null;
        }
    }

    public static Decision decide(Observed observed, Requested last, Instant now) {
        String reason = reasonToFetch(observed, last, now);
        Requested record;
        if (reason != null) {
            int attempts = observed.failure() == FailureKind.RETRYABLE && last != null && last.generation() == observed.generation()
                    ? last.failedAttempts() + 1 : 0;
            record = new Requested(observed.generation(), observed.requestedAt(), now, attempts);
        } else {
            record = last != null ? last : new Requested(observed.generation(), observed.requestedAt(), now, 0);
        }
        if (observed.stalled() || observed.interval() == null) {
            return new Decision(reason, Optional.empty(), record);
        }
        Instant dueAt = record.at().plus(waitAfter(observed, record));
        return new Decision(reason, Optional.of(Duration.between(now, dueAt)), record);
    }

    private static String reasonToFetch(Observed observed, Requested last, Instant now) {
        if (last == null) {
            return observed.stalled() ? null : "Created";
        }
        if (observed.generation() != last.generation()) {
            return "SpecChanged";
        }
        if (observed.requestedAt() != null && !Objects.equals(observed.requestedAt(), last.requestedAt())) {
            return "RequestedAt";
        }
        if (observed.stalled() || observed.interval() == null) {
            return null;
        }
        if (!now.isBefore(last.at().plus(waitAfter(observed, last)))) {
            return observed.failure() == null ? "IntervalElapsed" : "Retry";
        }
        return null;
    }

    private static Duration waitAfter(Observed observed, Requested last) {
        Duration interval = observed.interval();
        if (observed.failure() == null) {
            return interval;
        }
        if (observed.failure() == FailureKind.WAITING) {
            return WAIT.compareTo(interval) < 0 ? WAIT : interval;
        }
        int exponent = Math.min(Math.max(last.failedAttempts(), 0), 20);
        Duration backoff = RETRY_BASE.multipliedBy(1L << exponent);
        return backoff.compareTo(interval) < 0 ? backoff : interval;
    }

    /** Spreads requeues by ±5% so that objects created together do not fetch together forever. */
    public static Duration jitter(Duration delay, double random) {
        double factor = 0.95 + 0.1 * random;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }
}
