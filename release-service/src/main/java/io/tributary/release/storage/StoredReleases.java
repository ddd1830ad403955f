package io.tributary.release.storage;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.release.plan.HelmStatus;
import io.tributary.release.plan.ReleaseStorageView;
import io.tributary.release.plan.ReleaseVerification;
import io.tributary.release.plan.StoredRelease;
import io.tributary.release.values.ValuesDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helm storage as the planner reads it, and the {@code status.history} snapshots a stored release becomes. Pure. */
public final class StoredReleases {

    private StoredReleases() {
    }

    public static ReleaseStorageView view(List<HelmReleaseRecord> records) {
        return new ReleaseStorageView(records.stream().map(StoredReleases::stored).toList());
    }

    public static StoredRelease stored(HelmReleaseRecord r) {
        return new StoredRelease(r.name(), r.namespace(), r.version(), HelmStatus.of(r.status()), r.chart().name(), r.chart().version(),
                ValuesDigest.of(r.config()), ReleaseDigest.of(r), testHooks(r), time(r.info().deleted()));
    }

    /** Test hook name to the phase Helm recorded in {@code last_run}; a hook never run maps to "". */
    public static Map<String, String> testHooks(HelmReleaseRecord r) {
        Map<String, String> hooks = new LinkedHashMap<>();
        if (r.hooks() != null) {
            for (HookRecord h : r.hooks()) {
                if (h.events.contains("test")) {
                    hooks.put(h.name, h.lastRun == null || h.lastRun.phase == null ? "" : h.lastRun.phase);
                }
            }
        }
        return hooks;
    }

    /**
     * The snapshot helm-controller's observers record for {@code r}.
     *
     * @param releaseNamespace where the release's objects live (the snapshot's namespace)
     * @param action           the action that observed it ({@code install}, {@code upgrade}, ...)
     */
    /**
     * Flux's {@code TestHooksFromRelease}: each of {@code hooks} that has run, with its phase and times, as
     * {@code status.history[].testHooks} holds it.
     */
    public static Map<String, HelmReleaseStatus.TestHookStatus> testHookStatuses(List<HookRecord> hooks) {
        Map<String, HelmReleaseStatus.TestHookStatus> statuses = new LinkedHashMap<>();
        for (HookRecord h : hooks) {
            if (h.lastRun != null && h.lastRun.phase != null && !h.lastRun.phase.isEmpty()) {
                statuses.put(h.name, new HelmReleaseStatus.TestHookStatus(kubeTime(h.lastRun.startedAt), kubeTime(h.lastRun.completedAt),
                        h.lastRun.phase));
            }
        }
        return statuses;
    }

    /** A Helm time (RFC 3339, nanoseconds, any offset) as a Kubernetes {@code metav1.Time} writes it: UTC, seconds. */
    static String kubeTime(String helmTime) {
        if (helmTime == null || helmTime.isEmpty() || helmTime.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(helmTime).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    public static HelmReleaseStatus.Snapshot snapshot(HelmReleaseRecord r, String releaseNamespace, String action) {
        HelmReleaseStatus.Snapshot s = new HelmReleaseStatus.Snapshot();
        s.apiVersion = ReleaseVerification.SNAPSHOT_API_VERSION;
        s.digest = ReleaseDigest.of(r);
        s.name = r.name();
        s.namespace = releaseNamespace;
        s.version = (long) r.version();
        s.status = r.status();
        s.chartName = r.chart().name();
        s.chartVersion = r.chart().version();
        s.appVersion = r.chart().appVersion();
        s.configDigest = ValuesDigest.of(r.config());
        s.firstDeployed = time(r.info().firstDeployed());
        s.lastDeployed = time(r.info().lastDeployed());
        s.deleted = time(r.info().deleted());
        s.action = action;
        return s;
    }

    /** Helm 3 writes a zero time as "", which is no date-time: the snapshot leaves it out, as Helm 4 does. */
    static String time(String helmTime) {
        return helmTime == null || helmTime.isEmpty() ? null : helmTime;
    }
}
