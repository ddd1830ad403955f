package io.tributary.notification.delivery;

import java.time.Duration;

/** Exponential backoff between attempts: {@code initial}, doubling, never above {@code max}; {@code attempts} in all. */
public record Backoff(int attempts, Duration initial, Duration max) {

    /** The wait before attempt {@code attempt} (2 is the first retry). */
    public Duration before(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        long millis = initial.toMillis();
        for (int i = 2; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
