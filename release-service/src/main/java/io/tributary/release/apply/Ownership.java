package io.tributary.release.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's {@code checkOwnership} ({@code pkg/action/validate.go}): an object that already exists belongs to this
 * release only when it carries {@code app.kubernetes.io/managed-by: Helm} and the release name and namespace
 * annotations of this release; anything else is refused with Helm's message.
 */
public final class Ownership {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String HELM = "Helm";
    public static final String RELEASE_NAME = "meta.helm.sh/release-name";
    public static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

    private Ownership() {
    }

    /**
     * The refusal, or empty when the existing object may be updated by this release.
     *
     * @param namespace the object's namespace, empty for a cluster-scoped object
     */
    public static Optional<String> refusal(String kind, String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations, String releaseName, String releaseNamespace) {
        List<String> errors = new ArrayList<>();
        String label = requireValue(labels, MANAGED_BY, HELM);
        if (label != null) {
            errors.add("label validation error: " + label);
        }
        String nameError = requireValue(annotations, RELEASE_NAME, releaseName);
        if (nameError != null) {
            errors.add("annotation validation error: " + nameError);
        }
        String namespaceError = requireValue(annotations, RELEASE_NAMESPACE, releaseNamespace);
        if (namespaceError != null) {
            errors.add("annotation validation error: " + namespaceError);
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        String where = namespace == null || namespace.isEmpty() ? "" : " in namespace \"" + namespace + "\"";
        return Optional.of(kind + " \"" + name + "\"" + where + " exists and cannot be imported into the current release: "
                + "invalid ownership metadata; " + String.join("; ", errors));
    }

    private static String requireValue(Map<String, String> values, String key, String expected) {
        String actual = values == null ? null : values.get(key);
        if (actual == null) {
            return "missing key \"" + key + "\": must be set to \"" + expected + "\"";
        }
        if (!actual.equals(expected)) {
            return "key \"" + key + "\" must equal \"" + expected + "\": current value is \"" + actual + "\"";
        }
        return null;
    }
}
