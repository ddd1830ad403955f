package io.tributary.release.action;

import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Durations;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.plan.ReleaseOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one reconcile of a HelmRelease works on, as helm-controller's {@code reconcile.Request}: the object and the
 * status every action changes in place (written once at the end), the loaded chart and the composed values.
 *
 * @param chart null when only releases already stored are acted on (uninstall on deletion)
 */
public record ReleaseRequest(
        HelmRelease object,
        HelmReleaseStatus status,
        LoadedChart chart,
        Map<String, Object> values,
        ReleaseOptions options,
        String releaseName,
        String releaseNamespace,
        String storageNamespace,
        Path workDir) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public HelmReleaseSpec spec() {
        return object.getSpec();
    }

    public long generation() {
        return object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration();
    }

    /** An action's own timeout, else {@code spec.timeout}, else 5m. */
    public Duration timeout(String field, String actionTimeout) {
        if (actionTimeout != null && !actionTimeout.isBlank()) {
            return Durations.parse(field, actionTimeout);
        }
        return Durations.parseOr("spec.timeout", spec().timeout, DEFAULT_TIMEOUT);
    }

    /** The same request with other values. */
    public ReleaseRequest withValues(Map<String, Object> other) {
        return new ReleaseRequest(object, status, chart, other, options, releaseName, releaseNamespace, storageNamespace, workDir);
    }

    /** {@code spec.upgrade.preserveValues}: upgrades reuse the values of the release they start from (Helm's ReuseValues). */
    public boolean preserveValues() {
        return spec().upgrade != null && Boolean.TRUE.equals(spec().upgrade.preserveValues);
    }

    /** {@code spec.persistentClient}, true unless set false: the REST mapping is kept for the whole action. */
    public boolean persistentClient() {
        return !Boolean.FALSE.equals(spec().persistentClient);
    }

    public int maxHistory() {
        Integer max = spec().maxHistory;
        return max == null ? 5 : max;
    }
}
