package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.release.reconcile.ReleaseDecision;
import io.tributary.release.reconcile.ReleaseDecision.Desired;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseDecisionTest {

    private static HelmReleaseStatus deployed(String version, String config, String chartDigest) {
        HelmReleaseStatus status = new HelmReleaseStatus();
        HelmReleaseStatus.Snapshot snapshot = new HelmReleaseStatus.Snapshot();
        snapshot.status = "deployed";
        snapshot.chartVersion = version;
        snapshot.configDigest = config;
        status.history = List.of(snapshot);
        status.lastAttemptedRevisionDigest = chartDigest;
        return status;
    }

    @Test
    void installsWhenNoReleaseExists() {
        assertThat(ReleaseDecision.decide(new HelmReleaseStatus(), new Desired("1.0.0", "sha256:a", "sha256:c"), false))
                .isEqualTo(ReleaseDecision.INSTALL);
    }

    @Test
    void doesNothingWhenChartAndValuesMatch() {
        assertThat(ReleaseDecision.decide(deployed("1.0.0", "sha256:c", "sha256:a"), new Desired("1.0.0", "sha256:a", "sha256:c"), true))
                .isEqualTo(ReleaseDecision.IN_SYNC);
    }

    @Test
    void upgradesWhenVersionValuesOrChartContentChange() {
        HelmReleaseStatus status = deployed("1.0.0", "sha256:c", "sha256:a");
        assertThat(ReleaseDecision.decide(status, new Desired("1.0.1", "sha256:a", "sha256:c"), true)).isEqualTo(ReleaseDecision.UPGRADE);
        assertThat(ReleaseDecision.decide(status, new Desired("1.0.0", "sha256:a", "sha256:d"), true)).isEqualTo(ReleaseDecision.UPGRADE);
        assertThat(ReleaseDecision.decide(status, new Desired("1.0.0", "sha256:b", "sha256:c"), true)).isEqualTo(ReleaseDecision.UPGRADE);
    }

    @Test
    void upgradesAReleaseThatExistsInStorageButNotInStatus() {
        assertThat(ReleaseDecision.decide(new HelmReleaseStatus(), new Desired("1.0.0", "sha256:a", "sha256:c"), true))
                .isEqualTo(ReleaseDecision.UPGRADE);
    }
}
