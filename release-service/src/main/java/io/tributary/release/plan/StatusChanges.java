package io.tributary.release.plan;

import java.util.List;

/**
 * What a planning step changes in status besides the plan itself.
 *
 * @param history the new {@code status.history}, or null to keep it
 */
public record StatusChanges(ReleaseHistory history, List<ConditionChange> conditions) {

    public static final StatusChanges NONE = new StatusChanges(null, List.of());

    public StatusChanges {
        conditions = List.copyOf(conditions);
    }

    static StatusChanges history(ReleaseHistory history) {
        return new StatusChanges(history, List.of());
    }

    StatusChanges with(ConditionChange change) {
        List<ConditionChange> all = new java.util.ArrayList<>(conditions);
        all.add(change);
        return new StatusChanges(history, all);
    }
}
