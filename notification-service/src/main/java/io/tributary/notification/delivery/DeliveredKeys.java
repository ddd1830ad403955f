package io.tributary.notification.delivery;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Alerts a record was already delivered for, kept in the metadata of the consumer group's committed offset (which
 * still points at that record) so that after a restart the record is resent only to the Alerts it had not reached.
 * Format: {@code <offset>|<alert key>,<alert key>...}.
 */
public final class DeliveredKeys {

    private DeliveredKeys() {
    }

    public static String format(long offset, Set<String> keys) {
        return offset + "|" + String.join(",", keys);
    }

    /** The keys recorded for the record at {@code offset}; empty for another offset or no metadata. */
    public static Set<String> parse(String metadata, long offset) {
        if (metadata == null) {
            return Set.of();
        }
        int bar = metadata.indexOf('|');
        if (bar < 0 || !metadata.substring(0, bar).equals(Long.toString(offset))) {
            return Set.of();
        }
        String rest = metadata.substring(bar + 1);
        return rest.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(rest.split(",")));
    }
}
