package io.tributary.release.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The times of a stored release in its {@code status.history} snapshot. helm/helm v3.21.0 {@code pkg/time} writes a
 * zero time as "" (a release never deleted: {@code "deleted": ""}); v4.2.4 {@code pkg/release/v1/info.go} leaves it
 * out. The CRD types the snapshot's times as date-time, which "" is not, so a snapshot leaves it out as Helm 4 does.
 */
class StoredReleasesTest {

    @ParameterizedTest(name = "first={0} last={1} deleted={2}")
    @CsvSource(nullValues = "null", value = {
            "2026-12-02T03:40:56.123456789Z, 2026-12-02T03:41:00Z, ''                  , 2026-12-02T03:40:56.123456789Z, 2026-12-02T03:41:00Z, null",
            "2026-12-02T03:40:56Z          , 2026-12-02T03:41:00Z, null                , 2026-12-02T03:40:56Z          , 2026-12-02T03:41:00Z, null",
            "2026-12-02T03:40:56Z          , 2026-12-02T03:41:00Z, 2026-12-02T05:00:00Z, 2026-12-02T03:40:56Z          , 2026-12-02T03:41:00Z, 2026-12-02T05:00:00Z",
            "''                            , ''                  , ''                  , null                          , null                , null",
    })
    void zeroTimesAreLeftOut(String first, String last, String deleted, String snapFirst, String snapLast, String snapDeleted) {
        HelmReleaseRecord r = new HelmReleaseRecord("app", new HelmReleaseRecord.Info(first, last, deleted, "d", "deployed", null),
                new HelmReleaseRecord.Chart(Map.of("name", "app", "version", "1.0.0"), List.of(), Map.of(), List.of()),
                Map.of(), "", List.of(), 1, "apps");
        HelmReleaseStatus.Snapshot s = StoredReleases.snapshot(r, "apps", "upgrade");
        assertThat(new String[] {s.firstDeployed, s.lastDeployed, s.deleted}).containsExactly(snapFirst, snapLast, snapDeleted);
        assertThat(StoredReleases.stored(r).deleted()).isEqualTo(snapDeleted);
    }
}
