package io.tributary.release.drift;

import java.util.Map;

/**
 * The opt-out of drift detection for one object: the label or annotation {@code helm.toolkit.fluxcd.io/driftDetection:
 * disabled}, on the object in the manifest or on the object in the cluster (fluxcd/pkg ssa {@code AnyInMetadata}: the
 * value compares without case, an empty value never matches).
 */
public final class DriftMetadata {

    public static final String KEY = "helm.toolkit.fluxcd.io/driftDetection";
    public static final String DISABLED = "disabled";

    private DriftMetadata() {
    }

    public static boolean excluded(Map<String, String> labels, Map<String, String> annotations) {
        return matches(labels) || matches(annotations);
    }

    private static boolean matches(Map<String, String> values) {
        String value = values == null ? null : values.get(KEY);
        return value != null && !value.isEmpty() && value.equalsIgnoreCase(DISABLED);
    }
}
