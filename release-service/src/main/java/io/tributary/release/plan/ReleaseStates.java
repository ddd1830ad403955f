package io.tributary.release.plan;

import io.tributary.release.plan.ReleaseState.Status;
import java.util.Objects;
import java.util.Optional;

/** Derives the {@link ReleaseState} from Helm storage, status and the desired release (helm-controller's state.go). */
public final class ReleaseStates {

    private ReleaseStates() {
    }

    /**
     * @param generation    {@code metadata.generation} of the HelmRelease
     * @param clusterDrifted whether the drift check found the cluster differing from the latest release's manifest;
     *                      read only when drift detection is on and the release is otherwise in sync
     */
    public static ReleaseState of(ReleaseStorageView storage, ReleaseStatusView status, DesiredRelease desired,
            ReleaseOptions options, long generation, boolean clusterDrifted) {
        return of(storage, status, desired, options, generation, clusterDrifted ? () -> Optional.of("") : ClusterDrift.NONE);
    }

    /**
     * As {@link #of(ReleaseStorageView, ReleaseStatusView, DesiredRelease, ReleaseOptions, long, boolean)}, asking
     * {@code drift} only for a release in sync with drift detection on; a {@link Status#DRIFTED} state has the drift
     * summary as its reason, a comparison that failed gives {@link Status#UNKNOWN}.
     */
    public static ReleaseState of(ReleaseStorageView storage, ReleaseStatusView status, DesiredRelease desired,
            ReleaseOptions options, long generation, ClusterDrift drift) {
        Optional<StoredRelease> last = storage.latest();
        if (last.isEmpty()) {
            return new ReleaseState(Status.ABSENT, "no release in storage for object");
        }
        StoredRelease rls = last.get();
        if (rls.status().isPending()) {
            return new ReleaseState(Status.LOCKED, "release with status '" + rls.status() + "'");
        }
        Optional<Snapshot> latest = status.history().latest();
        if (latest.isEmpty()) {
            return rls.status() == HelmStatus.UNINSTALLED
                    ? new ReleaseState(Status.ABSENT, "found uninstalled release in storage")
                    : new ReleaseState(Status.UNMANAGED, "found existing release in storage");
        }
        Snapshot cur = latest.get();
        ReleaseVerification.Result observed = ReleaseVerification.verifyObject(cur, rls);
        if (observed != ReleaseVerification.Result.VERIFIED) {
            return new ReleaseState(Status.UNMANAGED, observed.message());
        }
        return switch (rls.status()) {
            case FAILED -> ReleaseState.of(Status.FAILED);
            case UNINSTALLED -> new ReleaseState(Status.ABSENT, "found uninstalled release in storage");
            case DEPLOYED -> ofDeployed(rls, cur, status, desired, options, generation, drift);
            default -> new ReleaseState(Status.UNKNOWN, "unable to determine state for release with status '" + rls.status() + "'");
        };
    }

    private static ReleaseState ofDeployed(StoredRelease rls, Snapshot cur, ReleaseStatusView status, DesiredRelease desired,
            ReleaseOptions options, long generation, ClusterDrift drift) {
        ReleaseVerification.Result verified = ReleaseVerification.verifyRelease(rls, cur, desired);
        if (verified != ReleaseVerification.Result.VERIFIED) {
            return new ReleaseState(Status.OUT_OF_SYNC, verified.message());
        }
        // compared for a new generation only: summarising records the digests after each release, so this cannot loop
        if (status.observedGeneration() != generation) {
            if (!Objects.equals(desired.postRenderersDigest(), status.observedPostRenderersDigest())) {
                return new ReleaseState(Status.OUT_OF_SYNC, "postrenderers digest has changed");
            }
            if (!Objects.equals(desired.commonMetadataDigest(), status.observedCommonMetadataDigest())) {
                return new ReleaseState(Status.OUT_OF_SYNC, "common metadata digest has changed");
            }
        }
        // test results come from what this object observed: `helm test` run by hand does not count
        if (options.testEnabled()) {
            if (!cur.hasBeenTested()) {
                return ReleaseState.of(Status.UNTESTED);
            }
            Remediation remediation = options.activeRemediation(status.lastAttemptedReleaseAction());
            if (remediation != null && !remediation.mustIgnoreTestFailures(options.testIgnoreFailures())
                    && cur.hasTestInPhase(Snapshot.PHASE_FAILED)) {
                return new ReleaseState(Status.FAILED, "release has test in failed phase");
            }
        }
        if (options.driftMode().detectsChanges()) {
            try {
                Optional<String> summary = drift.detect();
                if (summary.isPresent()) {
                    return new ReleaseState(Status.DRIFTED, summary.get());
                }
            } catch (ClusterDrift.Undetermined e) {
                return new ReleaseState(Status.UNKNOWN, "unable to determine cluster state: " + e.getMessage());
            }
        }
        return ReleaseState.of(Status.IN_SYNC);
    }
}
