package io.tributary.release.values;

import io.tributary.release.plan.HelmStatus;
import io.tributary.release.storage.HelmReleaseRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spec.upgrade.preserveValues}, which helm-controller passes to Helm's upgrade as {@code ReuseValues}: the values
 * of the release the upgrade starts from are folded under the new ones, and the chart's defaults are replaced by the
 * ones that release was rendered with ({@code pkg/action/upgrade.go} {@code reuseValues}). A release read back from
 * storage has no subcharts, so its defaults coalesce at the top level only, as in Helm.
 */
public final class PreservedValues {

    private PreservedValues() {
    }

    /** The revision Helm's upgrade starts from: the newest deployed one, else the newest (failed or superseded). */
    public static Optional<HelmReleaseRecord> upgradeBase(List<HelmReleaseRecord> history) {
        return history.stream().filter(r -> HelmStatus.DEPLOYED.value().equals(r.status())).findFirst()
                .or(() -> history.stream().findFirst());
    }

    /**
     * The config an upgrade would store now: {@code desired} folded over the base revision's, or {@code desired} when
     * nothing is stored yet (an install ignores the option, as Helm's does). The release is in sync when this equals what
     * is stored, so a preserved value does not make every reconcile upgrade again (helm-controller#1371).
     */
    public static Map<String, Object> desiredConfig(Map<String, Object> desired, List<HelmReleaseRecord> history) {
        return upgradeBase(history).map(base -> config(desired, base)).orElse(desired);
    }

    /** The values stored as the new revision's config: {@code CoalesceTables(desired, current.config)}. */
    public static Map<String, Object> config(Map<String, Object> desired, HelmReleaseRecord current) {
        return Coalesce.coalesceTables(Coalesce.deepCopy(desired), Coalesce.deepCopy(current.config()));
    }

    /** The defaults the chart renders with: {@code CoalesceValues(current.chart, current.config)}. */
    public static Map<String, Object> chartDefaults(HelmReleaseRecord current) {
        HelmReleaseRecord.Chart chart = current.chart();
        return Coalesce.coalesceValues(Coalesce.Chart.of(chart.name(), chart.values()), current.config());
    }
}
