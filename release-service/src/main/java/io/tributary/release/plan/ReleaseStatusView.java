package io.tributary.release.plan;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.Objects;

/**
 * The parts of {@code status} that decide the release state and the next action.
 *
 * @param lastAttemptedReleaseAction {@code install}, {@code upgrade}, or null; selects the active remediation
 * @param observedGeneration         the generation last reconciled to Ready or Stalled (-1 for none)
 */
public record ReleaseStatusView(
        ReleaseHistory history,
        String lastAttemptedReleaseAction,
        FailureCounters counters,
        long observedGeneration,
        String observedPostRenderersDigest,
        String observedCommonMetadataDigest,
        ConditionsView conditions) {

    public static final ReleaseStatusView EMPTY = new ReleaseStatusView(ReleaseHistory.EMPTY, null, FailureCounters.NONE, 0, "",
            "", ConditionsView.NONE);

    public ReleaseStatusView {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(conditions, "conditions");
        observedPostRenderersDigest = observedPostRenderersDigest == null ? "" : observedPostRenderersDigest;
        observedCommonMetadataDigest = observedCommonMetadataDigest == null ? "" : observedCommonMetadataDigest;
    }

    public static ReleaseStatusView of(HelmReleaseStatus status) {
        return new ReleaseStatusView(ReleaseHistory.of(status.history), status.lastAttemptedReleaseAction,
                FailureCounters.of(status), Objects.requireNonNullElse(status.observedGeneration, -1L),
                status.observedPostRenderersDigest, status.observedCommonMetadataDigest, ConditionsView.of(status.conditions));
    }

    public ReleaseStatusView withHistory(ReleaseHistory newHistory) {
        return new ReleaseStatusView(newHistory, lastAttemptedReleaseAction, counters, observedGeneration,
                observedPostRenderersDigest, observedCommonMetadataDigest, conditions);
    }

    public ReleaseStatusView withHistory(Snapshot... snapshots) {
        return withHistory(ReleaseHistory.of(snapshots));
    }

    public ReleaseStatusView withLastAttempted(String action) {
        return new ReleaseStatusView(history, action, counters, observedGeneration, observedPostRenderersDigest,
                observedCommonMetadataDigest, conditions);
    }

    public ReleaseStatusView withCounters(FailureCounters newCounters) {
        return new ReleaseStatusView(history, lastAttemptedReleaseAction, newCounters, observedGeneration,
                observedPostRenderersDigest, observedCommonMetadataDigest, conditions);
    }

    public ReleaseStatusView withObserved(long generation, String postRenderersDigest, String commonMetadataDigest) {
        return new ReleaseStatusView(history, lastAttemptedReleaseAction, counters, generation, postRenderersDigest,
                commonMetadataDigest, conditions);
    }

    public ReleaseStatusView withConditions(ConditionsView newConditions) {
        return new ReleaseStatusView(history, lastAttemptedReleaseAction, counters, observedGeneration,
                observedPostRenderersDigest, observedCommonMetadataDigest, newConditions);
    }
}
