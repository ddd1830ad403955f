package io.tributary.fetcher.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides when a source is due for a fetch. Pure: the reconciler feeds it what it observes on the object and
 * what it last requested, and publishes a FetchRequested when the decision says so.
 */
public final class ReconcileSchedule {

    /** First retry delay after a failed fetch; doubled per consecutive failure, capped at the interval. */
    static final Duration RETRY_BASE = Duration.ofSeconds(2);

    private ReconcileSchedule() {
    }

    /** What the object says now. {@code failing}: the last fetch of this generation failed. */
    public record Observed(long generation, String requestedAt, boolean failing, Duration interval) {
    }

    /** The last request this scheduler published for the object. */
    public record Requested(long generation, String requestedAt, Instant at, int failedAttempts) {
    }

    /** {@code reason} is null when not due; {@code next} is when to look again. */
    public record Decision(String reason, Duration next, Requested record) {
        public boolean due() {
            return reason != null;
        }
    }

    public static Decision decide(Observed observed, Requested last, Instant now) {
        String reason = reasonToFetch(observed, last, now);
        if (reason == null) {
            Instant dueAt = last.at().plus(waitAfter(observed, last));
            return new Decision(null, Duration.between(now, dueAt), last);
        }
        int attempts = observed.failing() && last != null && last.generation() == observed.generation()
                ? last.failedAttempts() + 1 : 0;
        Requested record = new Requested(observed.generation(), observed.requestedAt(), now, attempts);
        return new Decision(reason, waitAfter(observed, record), record);
    }

    private static String reasonToFetch(Observed observed, Requested last, Instant now) {
        if (last == null) {
            return "Created";
        }
        if (observed.generation() != last.generation()) {
            return "SpecChanged";
        }
        if (observed.requestedAt() != null && !Objects.equals(observed.requestedAt(), last.requestedAt())) {
            return "RequestedAt";
        }
        if (!now.isBefore(last.at().plus(waitAfter(observed, last)))) {
            return observed.failing() ? "Retry" : "IntervalElapsed";
        }
        return null;
    }

    private static Duration waitAfter(Observed observed, Requested last) {
        if (!observed.failing()) {
            return observed.interval();
        }
        int exponent = Math.min(Math.max(last.failedAttempts(), 0), 20);
        Duration backoff = RETRY_BASE.multipliedBy(1L << exponent);
        return backoff.compareTo(observed.interval()) < 0 ? backoff : observed.interval();
    }

    /** Spreads requeues by ±5% so that objects created together do not fetch together forever. */
    public static Duration jitter(Duration delay, double random) {
        double factor = 0.95 + 0.1 * random;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }
}
