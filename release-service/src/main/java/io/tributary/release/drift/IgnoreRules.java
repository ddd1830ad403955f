package io.tributary.release.drift;

import io.tributary.api.helm.HelmReleaseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.driftDetection.ignore}: JSON Pointers left out of the comparison of the objects a rule's target selects
 * (every object when it has none); the pointer {@code ""} leaves the whole object out. Pure.
 */
public final class IgnoreRules {

    /** The pointer that names the whole object. */
    public static final String ROOT = "";

    public static final IgnoreRules NONE = new IgnoreRules(List.of());

    record Rule(List<String> paths, ObjectSelector target) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** A target that does not compile. */
    public static final class InvalidRuleException extends Exception {
        public InvalidRuleException(String message) {
            super(message);
        }
    }

    public static IgnoreRules of(List<HelmReleaseSpec.IgnoreRule> spec) throws InvalidRuleException {
        if (spec == null || spec.isEmpty()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < spec.size(); i++) {
            HelmReleaseSpec.IgnoreRule r = spec.get(i);
            HelmReleaseSpec.Selector t = r.target;
            ObjectSelector target = ObjectSelector.ANY;
            if (t != null) {
                try {
                    target = ObjectSelector.of(t.group, t.version, t.kind, t.name, t.namespace, t.labelSelector, t.annotationSelector);
                } catch (ObjectSelector.InvalidSelectorException e) {
                    throw new InvalidRuleException("failed to create ignore rule selector: spec.driftDetection.ignore[" + i
                            + "].target: " + e.getMessage());
                }
            }
            rules.add(new Rule(r.paths == null ? List.of() : List.copyOf(r.paths), target));
        }
        return new IgnoreRules(rules);
    }

    /** The pointers to leave out of the comparison of one object of the manifest, in rule order. */
    public List<String> pathsFor(String apiVersion, String kind, String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations) {
        List<String> paths = new ArrayList<>();
        for (Rule r : rules) {
            if (r.target().matches(apiVersion, kind, name, namespace, labels, annotations)) {
                paths.addAll(r.paths());
            }
        }
        return paths;
    }
}
