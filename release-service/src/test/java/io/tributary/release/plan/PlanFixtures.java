package io.tributary.release.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The objects helm-controller's tests build with {@code testutil.BuildRelease}, {@code BuildChart} and
 * {@code ObservedToSnapshot(ObserveRelease(...))}: release {@code mock-release} in {@code mock-ns}, chart
 * {@code hello@0.1.0}. Digests of values stand for the values themselves (the caller computes them).
 */
final class PlanFixtures {

    static final String NAME = "mock-release";
    static final String NAMESPACE = "mock-ns";
    static final String CHART = "hello";
    static final String CHART_VERSION = "0.1.0";

    /** Flux's digest of {@code {"foo": "bar"}} (sha256 of its YAML). */
    static final String VALUES_FOO_BAR = "sha256:1dabc4e3cbbd6a0818bd460f3a6c9855bfe95d506c74726bc0f2edb0aecb1f4e";
    static final String VALUES_BAR_FOO = sha256("bar: foo\n");
    static final String VALUES_EMPTY = sha256("{}\n");
    /** Helm's mock release config, {@code {"name": "value"}}, used when a test sets none. */
    static final String VALUES_MOCK = sha256("name: value\n");

    static final DesiredRelease DESIRED = new DesiredRelease(NAME, NAMESPACE, NAMESPACE, CHART, CHART_VERSION, VALUES_FOO_BAR, "", "");

    private PlanFixtures() {
    }

    static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code BuildRelease} with {@code ReleaseWithConfig(config)}; the digest covers everything stored. */
    static StoredRelease release(int version, HelmStatus status, String config) {
        return release(version, status, CHART, CHART_VERSION, config);
    }

    static StoredRelease release(int version, HelmStatus status, String chart, String chartVersion, String config) {
        return new StoredRelease(NAME, NAMESPACE, version, status, chart, chartVersion, config,
                sha256(NAME + "/" + NAMESPACE + "/" + version + "/" + status + "/" + chart + "@" + chartVersion + "/" + config),
                Map.of(), null);
    }

    static StoredRelease withHooks(StoredRelease r, Map<String, String> hooks) {
        return new StoredRelease(r.name(), r.namespace(), r.version(), r.status(), r.chartName(), r.chartVersion(), r.configDigest(),
                r.digest(), hooks, r.deleted());
    }

    /** {@code ObservedToSnapshot(ObserveRelease(r))}: no test hooks. */
    static Snapshot observed(StoredRelease r) {
        return new Snapshot(ReleaseVerification.SNAPSHOT_API_VERSION, r.digest(), r.name(), r.namespace(), r.version(),
                r.status().value(), r.chartName(), r.chartVersion(), r.configDigest(), null);
    }

    /** {@code Snapshot{Version: v, Status: status}}, as the history tables write them. */
    static Snapshot snapshot(long version, String status) {
        return new Snapshot(null, null, null, null, version, status, null, null, null, null);
    }

    static Snapshot snapshot(long version, String status, Map<String, String> hooks) {
        return snapshot(version, status).withTestHooks(hooks);
    }

    static ReleaseStorageView storage(StoredRelease... releases) {
        return ReleaseStorageView.of(releases);
    }

    static ReleaseStatusView status(Snapshot... history) {
        return ReleaseStatusView.EMPTY.withHistory(history);
    }
}
