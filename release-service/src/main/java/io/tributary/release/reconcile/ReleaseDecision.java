package io.tributary.release.reconcile;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.Objects;

/** What to do with a release, given what is deployed and what is desired. Pure. */
public enum ReleaseDecision {
    INSTALL,
    UPGRADE,
    IN_SYNC;

    /** What the release should be: chart version, chart artifact digest, values digest. */
    public record Desired(String chartVersion, String chartDigest, String configDigest) {
    }

    public static ReleaseDecision decide(HelmReleaseStatus status, Desired desired, boolean releaseExists) {
        if (!releaseExists || status == null || status.history == null || status.history.isEmpty()) {
            return releaseExists ? UPGRADE : INSTALL;
        }
        HelmReleaseStatus.Snapshot current = status.history.get(0);
        boolean same = "deployed".equals(current.status)
                && Objects.equals(current.chartVersion, desired.chartVersion())
                && Objects.equals(current.configDigest, desired.configDigest())
                && Objects.equals(status.lastAttemptedRevisionDigest, desired.chartDigest());
        return same ? IN_SYNC : UPGRADE;
    }
}
