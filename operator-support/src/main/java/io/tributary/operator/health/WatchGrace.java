package io.tributary.operator.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which watches count as dead: those not watching for longer than a grace period. A watch is closed and reopened by
 * the API server every few minutes, so a moment without one is normal; minutes without one mean the operator no
 * longer sees changes. Pure: the caller reports what it observes and when.
 */
public final class WatchGrace {

    private final Duration grace;
    private final Map<String, Instant> notWatchingSince = new HashMap<>();

    public WatchGrace(Duration grace) {
        this.grace = grace;
    }

    /** Records the watches observed now ({@code name → watching}) and returns the names dead beyond the grace. */
    public synchronized Set<String> dead(Map<String, Boolean> watching, Instant now) {
        notWatchingSince.keySet().retainAll(watching.keySet());
        Set<String> dead = new TreeSet<>();
        watching.forEach((name, up) -> {
            if (up) {
                notWatchingSince.remove(name);
                return;
            }
            Instant since = notWatchingSince.computeIfAbsent(name, n -> now);
            if (!now.isBefore(since.plus(grace))) {
                dead.add(name);
            }
        });
        return dead;
    }
}
