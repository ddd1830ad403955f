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
 * Install and upgrade add only the newest revision they wrote: the one they superseded is recorded only if the history
 * already holds it, so a release adopted from Helm starts its history at the revision made under the HelmRelease.
 * The newest revision install or upgrade wrote carries {@code status.lastAttemptedRevisionDigest} as its
 * {@code ociDigest}; a replaced snapshot keeps the one it had.
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
        record(status, releaseNamespace, action, keepTestHooks, false);
    }

    /** Install's and upgrade's record: older revisions written only replace their snapshot, never add one. */
    void recordNewestOnObject(HelmReleaseStatus status, String releaseNamespace, String action) {
        record(status, releaseNamespace, action, true, true);
    }

    private void record(HelmReleaseStatus status, String releaseNamespace, String action, boolean keepTestHooks,
            boolean addNewestOnly) {
        int newest = observed.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<HelmReleaseStatus.Snapshot> history = status.history == null ? new ArrayList<>() : new ArrayList<>(status.history);
        for (HelmReleaseRecord r : observed.values()) {
            HelmReleaseStatus.Snapshot snapshot = StoredReleases.snapshot(r, releaseNamespace, action);
            boolean attempted = addNewestOnly && r.version() == newest;
            if (attempted) {
                // mutateOCIDigest: the revision install or upgrade made is of the chart this reconcile attempted
                snapshot.ociDigest = status.lastAttemptedRevisionDigest;
            }
            boolean replaced = false;
            for (int i = 0; i < history.size(); i++) {
                HelmReleaseStatus.Snapshot old = history.get(i);
                if (Objects.equals(old.version, snapshot.version) && Objects.equals(old.name, snapshot.name)) {
                    if (keepTestHooks) {
                        snapshot.testHooks = old.testHooks;
                    }
                    snapshot.action = old.action == null ? action : old.action;
                    if (!attempted) {
                        snapshot.ociDigest = old.ociDigest;
                    }
                    history.set(i, snapshot);
                    replaced = true;
                }
            }
            if (!replaced && (!addNewestOnly || r.version() == newest)) {
                history.add(snapshot);
            }
        }
        history.sort(Comparator.comparingLong((HelmReleaseStatus.Snapshot s) -> s.version == null ? 0 : s.version).reversed());
        status.history = history;
    }
}
