package io.tributary.release.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.StoredReleases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the revisions an action wrote land in {@code status.history}: helm-controller v1.6.3
 * {@code internal/reconcile/release.go} ({@code recordOnObject}, install and upgrade: the newest observed revision is
 * added, older ones only replace their snapshot) and {@code rollback_remediation.go} ({@code observeRollback}: every
 * revision not in the history is added). Releases are {@code version:status}, snapshots {@code version:status:action}.
 */
class ObservedReleasesTest {

    private static HelmReleaseRecord revision(String spec) {
        String[] parts = spec.split(":");
        return new HelmReleaseRecord("app", new HelmReleaseRecord.Info("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, "d",
                parts[1], null), new HelmReleaseRecord.Chart(Map.of("name", "app", "version", "1.0.0"), List.of(), Map.of(),
                List.of()), Map.of(), "", List.of(), Integer.parseInt(parts[0]), "ns");
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.asList(list.trim().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            install                                     |                                    | 1:pending-install 1:deployed \
                | install  | 1:deployed:install
            upgrade of a release Helm installed         |                                    | 2:pending-upgrade 1:superseded 2:deployed \
                | upgrade  | 2:deployed:upgrade
            upgrade of a release in the history         | 1:deployed:install                 | 2:pending-upgrade 1:superseded 2:deployed \
                | upgrade  | 2:deployed:upgrade 1:superseded:install
            failed upgrade                              | 1:deployed:install                 | 2:pending-upgrade 2:failed \
                | upgrade  | 2:failed:upgrade 1:deployed:install
            rollback over a revision not in the history | 3:failed:upgrade 2:deployed:upgrade | 4:pending-rollback 2:superseded 1:superseded 4:deployed \
                | rollback | 4:deployed:rollback 3:failed:upgrade 2:superseded:upgrade 1:superseded:rollback
            """)
    void recordsWhatHelmControllerRecords(String name, String history, String written, String action, String expected) {
        HelmReleaseStatus status = new HelmReleaseStatus();
        List<HelmReleaseStatus.Snapshot> snapshots = new ArrayList<>();
        for (String h : split(history)) {
            String[] parts = h.split(":");
            snapshots.add(StoredReleases.snapshot(revision(parts[0] + ":" + parts[1]), "ns", parts[2]));
        }
        status.history = snapshots.isEmpty() ? null : snapshots;
        ObservedReleases observed = new ObservedReleases();
        split(written).forEach(w -> observed.observe(revision(w)));
        if (action.equals("rollback")) {
            observed.recordOnObject(status, "ns", action, true);
        } else {
            observed.recordNewestOnObject(status, "ns", action);
        }
        assertThat(status.history.stream().map(s -> s.version + ":" + s.status + ":" + s.action).toList())
                .isEqualTo(split(expected));
    }
    /**
     * {@code mutateOCIDigest}: the newest revision install or upgrade wrote carries the attempted revision digest; a
     * replaced snapshot keeps its own; a revision rollback adds carries none. Snapshots {@code version:ociDigest}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            install                                     |                     | 1:pending-install 1:deployed \
                | install  | 1:sha256:new
            upgrade of a release in the history         | 1:deployed:install  | 2:pending-upgrade 1:superseded 2:deployed \
                | upgrade  | 2:sha256:new 1:old1
            failed upgrade                              | 1:deployed:install  | 2:pending-upgrade 2:failed \
                | upgrade  | 2:sha256:new 1:old1
            rollback over a revision not in the history | 3:failed:upgrade 2:deployed:upgrade | 4:pending-rollback 2:superseded 1:superseded 4:deployed \
                | rollback | 4: 3:old3 2:old2 1:
            """)
    void theAttemptedRevisionDigestGoesOnTheRevisionItMade(String name, String history, String written, String action, String expected) {
        HelmReleaseStatus status = new HelmReleaseStatus();
        status.lastAttemptedRevisionDigest = "sha256:new";
        List<HelmReleaseStatus.Snapshot> snapshots = new ArrayList<>();
        for (String h : split(history)) {
            String[] parts = h.split(":");
            HelmReleaseStatus.Snapshot snapshot = StoredReleases.snapshot(revision(parts[0] + ":" + parts[1]), "ns", parts[2]);
            snapshot.ociDigest = "old" + parts[0];
            snapshots.add(snapshot);
        }
        status.history = snapshots.isEmpty() ? null : snapshots;
        ObservedReleases observed = new ObservedReleases();
        split(written).forEach(w -> observed.observe(revision(w)));
        if (action.equals("rollback")) {
            observed.recordOnObject(status, "ns", action, true);
        } else {
            observed.recordNewestOnObject(status, "ns", action);
        }
        assertThat(status.history.stream().map(s -> s.version + ":" + (s.ociDigest == null ? "" : s.ociDigest)).toList())
                .isEqualTo(split(expected));
    }
}
