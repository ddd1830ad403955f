package io.tributary.notification.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which event keys were already dispatched within the window (Flux: 5 minutes), so a duplicate is sent once. Holds at
 * most {@code capacity} keys, the oldest forgotten first. Not thread-safe; the dispatcher calls it from one thread.
 */
public final class RecentEvents {

    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public RecentEvents(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** True the first time {@code key} is offered within the window; records it. */
    public boolean first(String key, Instant now) {
        expire(now);
        Instant last = seen.get(key);
        if (last != null) {
            return false;
        }
        seen.put(key, now);
        while (seen.size() > capacity) {
            Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Forgets {@code key}, so that an event whose delivery was given up can be sent when it comes again. */
    public void forget(String key) {
        seen.remove(key);
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext()) {
            if (!entries.next().getValue().plus(window).isAfter(now)) {
                entries.remove();
            } else {
                return;
            }
        }
    }
}
