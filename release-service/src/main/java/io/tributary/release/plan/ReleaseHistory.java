package io.tributary.release.plan;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code status.history}, newest version first, with helm-controller's rules for keeping and reading it. */
public record ReleaseHistory(List<Snapshot> snapshots) {

    /** What is kept when no earlier good release bounds the history. */
    public static final int DEFAULT_MAX_HISTORY = 5;
    public static final ReleaseHistory EMPTY = new ReleaseHistory(List.of());

    public ReleaseHistory {
        snapshots = snapshots.stream().sorted(Comparator.comparingLong(Snapshot::version).reversed()).toList();
    }

    public static ReleaseHistory of(Snapshot... snapshots) {
        return new ReleaseHistory(List.of(snapshots));
    }

    public static ReleaseHistory of(List<HelmReleaseStatus.Snapshot> history) {
        return history == null ? EMPTY : new ReleaseHistory(history.stream().map(Snapshot::from).toList());
    }

    public boolean isEmpty() {
        return snapshots.isEmpty();
    }

    public Optional<Snapshot> latest() {
        return snapshots.stream().findFirst();
    }

    /**
     * The release to roll back to: the newest after the latest that was deployed or superseded, skipping ones whose
     * tests failed unless {@code ignoreTests}.
     */
    public Optional<Snapshot> previous(boolean ignoreTests) {
        return snapshots.stream().skip(1).filter(s -> isRollbackTarget(s, ignoreTests)).findFirst();
    }

    /**
     * Drops everything older than the previous good release ({@link #previous}); when there is none, keeps the
     * newest {@link #DEFAULT_MAX_HISTORY}.
     */
    public ReleaseHistory truncated(boolean ignoreTests) {
        for (int i = 1; i < snapshots.size(); i++) {
            if (isRollbackTarget(snapshots.get(i), ignoreTests)) {
                return new ReleaseHistory(snapshots.subList(0, i + 1));
            }
        }
        return truncatedIgnoringPrevious();
    }

    /** Keeps the newest {@link #DEFAULT_MAX_HISTORY}; used when retrying, which never rolls back. */
    public ReleaseHistory truncatedIgnoringPrevious() {
        return snapshots.size() > DEFAULT_MAX_HISTORY ? new ReleaseHistory(snapshots.subList(0, DEFAULT_MAX_HISTORY)) : this;
    }

    private static boolean isRollbackTarget(Snapshot s, boolean ignoreTests) {
        return s.wasDeployed() && (ignoreTests || !s.hasTestInPhase(Snapshot.PHASE_FAILED));
    }
}
