package io.tributary.release.action;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.StoredReleases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The releases one action wrote to storage, and helm-controller's {@code recordOnObject}: each becomes a snapshot in
 * {@code status.history}, replacing the snapshot of the same version or added as the newest, tagged with the action.
 */
final class ObservedReleases {

    private final Map<Integer, HelmReleaseRecord> observed = new LinkedHashMap<>();

    void observe(HelmReleaseRecord record) {
        observed.put(record.version(), record);
    }

    boolean isEmpty() {
        return observed.isEmpty();
    }

    /**
     * @param keepTestHooks whether a replaced snapshot keeps the test results it had (a status change, not a new run)
     */
    void recordOnObject(HelmReleaseStatus status, String releaseNamespace, String action, boolean keepTestHooks) {
        List<HelmReleaseStatus.Snapshot> history = status.history == null ? new ArrayList<>() : new ArrayList<>(status.history);
        for (HelmReleaseRecord r : observed.values()) {
            HelmReleaseStatus.Snapshot snapshot = StoredReleases.snapshot(r, releaseNamespace, action);
            boolean replaced = false;
            for (int i = 0; i < history.size(); i++) {
                HelmReleaseStatus.Snapshot old = history.get(i);
                if (Objects.equals(old.version, snapshot.version) && Objects.equals(old.name, snapshot.name)) {
                    if (keepTestHooks) {
                        snapshot.testHooks = old.testHooks;
                    }
                    snapshot.action = old.action == null ? action : old.action;
                    history.set(i, snapshot);
                    replaced = true;
                }
            }
            if (!replaced) {
                history.add(snapshot);
            }
        }
        history.sort(Comparator.comparingLong((HelmReleaseStatus.Snapshot s) -> s.version == null ? 0 : s.version).reversed());
        status.history = history;
    }
}
