package io.tributary.release.plan;

import io.tributary.api.helm.HelmReleaseStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code status.history}: what the controller observed of a release it made.
 *
 * @param testHooks test hook name to the phase observed ({@code Succeeded}, {@code Failed}, or empty/null when it
 *                  never ran); null when the release has not been tested at all
 */
public record Snapshot(
        String apiVersion,
        String digest,
        String name,
        String namespace,
        long version,
        String status,
        String chartName,
        String chartVersion,
        String configDigest,
        Map<String, String> testHooks) {

    public static final String PHASE_SUCCEEDED = "Succeeded";
    public static final String PHASE_FAILED = "Failed";

    public Snapshot {
        // a hook can be listed without a phase (never run), so null values stay
        testHooks = testHooks == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(testHooks));
    }

    public static Snapshot from(HelmReleaseStatus.Snapshot s) {
        return new Snapshot(s.apiVersion, s.digest, s.name, s.namespace, s.version == null ? 0 : s.version, s.status,
                s.chartName, s.chartVersion, s.configDigest, phases(s.testHooks));
    }

    private static Map<String, String> phases(Map<String, HelmReleaseStatus.TestHookStatus> hooks) {
        if (hooks == null) {
            return null;
        }
        Map<String, String> phases = new LinkedHashMap<>();
        hooks.forEach((name, hook) -> phases.put(name, hook == null ? null : hook.phase));
        return phases;
    }

    public Snapshot withStatus(String newStatus) {
        return new Snapshot(apiVersion, digest, name, namespace, version, newStatus, chartName, chartVersion, configDigest, testHooks);
    }

    public Snapshot withTestHooks(Map<String, String> hooks) {
        return new Snapshot(apiVersion, digest, name, namespace, version, status, chartName, chartVersion, configDigest, hooks);
    }

    /**
     * Whether the tests ran to an end: no hooks at all, any hook failed, or every hook succeeded. A hook without a
     * phase, or still running, means the run did not finish.
     */
    public boolean hasBeenTested() {
        if (testHooks == null) {
            return false;
        }
        if (testHooks.isEmpty() || hasTestInPhase(PHASE_FAILED)) {
            return true;
        }
        return testHooks.values().stream().allMatch(PHASE_SUCCEEDED::equals);
    }

    public boolean hasTestInPhase(String phase) {
        return testHooks != null && testHooks.values().stream().anyMatch(p -> Objects.equals(p, phase));
    }

    /** Deployed or superseded: a release that was once good, so something to go back to. */
    boolean wasDeployed() {
        return "deployed".equals(status) || "superseded".equals(status);
    }

    /** {@code <namespace>/<name>.v<version>}. */
    public String fullReleaseName() {
        return nullToEmpty(namespace) + "/" + nullToEmpty(name) + ".v" + version;
    }

    /** {@code <chart>@<version>}. */
    public String versionedChartName() {
        return nullToEmpty(chartName) + "@" + nullToEmpty(chartVersion);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
