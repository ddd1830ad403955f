package io.tributary.release.plan;

/** The state of a Helm release compared with its HelmRelease, as helm-controller's {@code ReleaseState}. */
public record ReleaseState(Status status, String reason) {

    public enum Status {
        /** Not in storage, or uninstalled. */
        ABSENT,
        /** In storage but not made (or no longer verifiably made) by this object. */
        UNMANAGED,
        /** Deployed, but the chart, values, post-renderers or common metadata changed. */
        OUT_OF_SYNC,
        /** Deployed and in sync, but the cluster differs from the manifest; known only from the drift check. */
        DRIFTED,
        /** In a pending-* status another operation left behind. */
        LOCKED,
        /** Deployed and in sync, tests enabled but not (completely) run. */
        UNTESTED,
        IN_SYNC,
        /** Failed in storage, or a test the active remediation does not ignore failed. */
        FAILED,
        /** Could not be determined; {@code reason} says why. */
        UNKNOWN
    }

    public ReleaseState {
        reason = reason == null ? "" : reason;
    }

    public static ReleaseState of(Status status) {
        return new ReleaseState(status, "");
    }
}
