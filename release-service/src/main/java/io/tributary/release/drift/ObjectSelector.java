package io.tributary.release.drift;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code target} of an ignore rule (fluxcd/pkg ssa/jsondiff {@code SelectorRegex}, after Kustomize's selector):
 * group, version, kind, name and namespace are regular expressions matched against the whole value; labels and
 * annotations are matched by label selector expressions. An empty field matches anything. Pure.
 */
public final class ObjectSelector {

    /** Matches every object: an ignore rule without a target. */
    public static final ObjectSelector ANY = new ObjectSelector(null, null, null, null, null, null, null);

    private final Pattern group;
    private final Pattern version;
    private final Pattern kind;
    private final Pattern name;
    private final Pattern namespace;
    private final LabelSelector labels;
    private final LabelSelector annotations;

    private ObjectSelector(Pattern group, Pattern version, Pattern kind, Pattern name, Pattern namespace, LabelSelector labels,
            LabelSelector annotations) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.name = name;
        this.namespace = namespace;
        this.labels = labels;
        this.annotations = annotations;
    }

    /** A field that does not compile; the message names it as upstream does ("invalid name regex: ..."). */
    public static final class InvalidSelectorException extends Exception {
        public InvalidSelectorException(String message) {
            super(message);
        }
    }

    public static ObjectSelector of(String group, String version, String kind, String name, String namespace,
            String labelSelector, String annotationSelector) throws InvalidSelectorException {
        return new ObjectSelector(regex("group", group), regex("version", version), regex("kind", kind), regex("name", name),
                regex("namespace", namespace), selector("label", labelSelector), selector("annotation", annotationSelector));
    }

    public boolean matches(String apiVersion, String kind, String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations) {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion == null ? "" : apiVersion.substring(slash + 1);
        return matchesNamespace(namespace) && matchesName(name) && matchesGvk(group, version, kind)
                && matchesLabels(labels) && matchesAnnotations(annotations);
    }

    public boolean matchesGvk(String group, String version, String kind) {
        return matches(this.group, group) && matches(this.version, version) && matches(this.kind, kind);
    }

    public boolean matchesName(String value) {
        return matches(name, value);
    }

    public boolean matchesNamespace(String value) {
        return matches(namespace, value);
    }

    public boolean matchesLabels(Map<String, String> values) {
        return labels == null || labels.matches(values == null ? Map.of() : values);
    }

    public boolean matchesAnnotations(Map<String, String> values) {
        return annotations == null || annotations.matches(values == null ? Map.of() : values);
    }

    private static boolean matches(Pattern pattern, String value) {
        return pattern == null || pattern.matcher(value == null ? "" : value).matches();
    }

    private static Pattern regex(String field, String pattern) throws InvalidSelectorException {
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidSelectorException("invalid " + field + " regex: " + e.getDescription() + " in '" + pattern + "'");
        }
    }

    private static LabelSelector selector(String field, String expression) throws InvalidSelectorException {
        if (expression == null || expression.isEmpty()) {
            return null;
        }
        try {
            return LabelSelector.parse(expression);
        } catch (LabelSelector.InvalidSelectorException e) {
            throw new InvalidSelectorException("invalid " + field + " selector: " + e.getMessage());
        }
    }
}
