package io.tributary.release.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * helm-controller's {@code ReleaseTargetChanged}: the release the history records is no longer where the spec puts
 * it, so the old one is uninstalled ({@link ReleaseAction#UNINSTALL}), history and counters cleared, and the object
 * requeued before anything is installed.
 */
public final class ReleaseTarget {

    public static final String REINSTALL = "Reinstall";
    public static final String IN_PLACE_UPDATE = "InPlaceUpdate";

    /** What changed, with helm-controller's wording. */
    public enum Change {
        STORAGE_NAMESPACE("storage namespace"),
        RELEASE_NAMESPACE("release namespace"),
        RELEASE_NAME("release name"),
        CHART_NAME("chart name");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private ReleaseTarget() {
    }

    /**
     * @param statusStorageNamespace {@code status.storageNamespace}; empty means nothing was released yet
     * @param chartName              the name of the chart loaded for this reconcile
     */
    public static Optional<Change> changed(String statusStorageNamespace, ReleaseHistory history, DesiredRelease desired,
            String chartName) {
        Optional<Snapshot> cur = history.latest();
        if (statusStorageNamespace == null || statusStorageNamespace.isEmpty() || cur.isEmpty()) {
            return Optional.empty();
        }
        if (!Objects.equals(desired.storageNamespace(), statusStorageNamespace)) {
            return Optional.of(Change.STORAGE_NAMESPACE);
        }
        if (!Objects.equals(desired.releaseNamespace(), cur.get().namespace())) {
            return Optional.of(Change.RELEASE_NAMESPACE);
        }
        if (!Objects.equals(desired.releaseName(), cur.get().name())) {
            return Optional.of(Change.RELEASE_NAME);
        }
        if (!Objects.equals(chartName, cur.get().chartName())) {
            return Optional.of(Change.CHART_NAME);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code change} means uninstalling first: always, except a chart rename under
     * {@code spec.upgrade.chartNameChangeStrategy: InPlaceUpdate} (default Reinstall).
     */
    public static boolean mustUninstall(Change change, String chartNameChangeStrategy) {
        String strategy = chartNameChangeStrategy == null || chartNameChangeStrategy.isEmpty() ? REINSTALL : chartNameChangeStrategy;
        if (!REINSTALL.equals(strategy) && !IN_PLACE_UPDATE.equals(strategy)) {
            throw new IllegalArgumentException("spec.upgrade.chartNameChangeStrategy: must be Reinstall or InPlaceUpdate, got '"
                    + chartNameChangeStrategy + "'");
        }
        return change != Change.CHART_NAME || REINSTALL.equals(strategy);
    }
}
