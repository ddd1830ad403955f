package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.release.cel.CelExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * helm-controller's {@code checkDependencies}: every HelmRelease of {@code spec.dependsOn} must exist and be Ready at
 * its current generation, or satisfy its {@code readyExpr} (CEL over {@code self} and {@code dep}) instead. Beyond
 * Flux, a dependency cycle is named, since waiting on one never ends.
 */
final class Dependencies {

    /** Why the release must wait; {@code terminal} when only a spec change can help (a readyExpr that does not compile). */
    record Unmet(String message, boolean terminal) {
    }

    /** How far a cycle is looked for. */
    private static final int MAX_WALK = 256;

    private final KubernetesClient client;

    Dependencies(KubernetesClient client) {
        this.client = client;
    }

    Optional<Unmet> check(HelmRelease release) {
        List<HelmReleaseSpec.DependencyReference> refs = release.getSpec().dependsOn;
        if (refs == null || refs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> self = null;
        for (int i = 0; i < refs.size(); i++) {
            HelmReleaseSpec.DependencyReference ref = refs.get(i);
            String name = namespace(ref, release) + "/" + ref.name;
            HelmRelease dep = get(namespace(ref, release), ref.name);
            if (dep == null) {
                return Optional.of(new Unmet("unable to get '" + name + "' dependency: helmreleases.helm.toolkit.fluxcd.io \""
                        + ref.name + "\" not found", false));
            }
            if (ref.readyExpr != null && !ref.readyExpr.isBlank()) {
                CelExpression expr;
                try {
                    expr = CelExpression.withVariables(ref.readyExpr, "self", "dep");
                } catch (CelExpression.InvalidExpression e) {
                    return Optional.of(new Unmet("spec.dependsOn[" + i + "].readyExpr: failed to evaluate dependency " + ref.name + ": "
                            + e.getMessage(), true));
                }
                if (self == null) {
                    self = asMap(release);
                }
                try {
                    if (!expr.evaluate(Map.of("self", self, "dep", asMap(dep)))) {
                        return Optional.of(new Unmet("dependency '" + name + "' is not ready according to readyExpr eval", false));
                    }
                } catch (CelExpression.EvaluationError e) {
                    return Optional.of(new Unmet(e.getMessage(), false));
                }
                continue;
            }
            boolean current = dep.getStatus() != null && dep.getMetadata().getGeneration() != null
                    && dep.getMetadata().getGeneration().equals(dep.getStatus().observedGeneration);
            if (!current || !Conditions.isTrue(dep.getStatus().conditions, ConditionTypes.READY)) {
                return Optional.of(new Unmet(cycle(release).map(c -> "dependency cycle: " + String.join(" -> ", c))
                        .orElse("dependency '" + name + "' is not ready"), false));
            }
        }
        return Optional.empty();
    }

    /** A path of dependsOn edges from {@code release} back to itself, if there is one within reach. */
    private Optional<List<String>> cycle(HelmRelease release) {
        String start = key(release);
        Map<String, HelmRelease> seen = new HashMap<>();
        seen.put(start, release);
        return walk(release, start, new ArrayList<>(List.of(start)), seen, new HashSet<>());
    }

    private Optional<List<String>> walk(HelmRelease at, String start, List<String> path, Map<String, HelmRelease> seen, Set<String> done) {
        if (at.getSpec() == null || at.getSpec().dependsOn == null || seen.size() > MAX_WALK) {
            return Optional.empty();
        }
        for (HelmReleaseSpec.DependencyReference ref : at.getSpec().dependsOn) {
            String next = namespace(ref, at) + "/" + ref.name;
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return Optional.of(cycle);
            }
            if (done.contains(next) || path.contains(next)) {
                continue;
            }
            HelmRelease dep = seen.containsKey(next) ? seen.get(next) : get(namespace(ref, at), ref.name);
            seen.put(next, dep);
            if (dep == null) {
                continue;
            }
            path.add(next);
            Optional<List<String>> found = walk(dep, start, path, seen, done);
            if (found.isPresent()) {
                return found;
            }
            path.remove(path.size() - 1);
            done.add(next);
        }
        return Optional.empty();
    }

    private HelmRelease get(String namespace, String name) {
        return client.resources(HelmRelease.class).inNamespace(namespace).withName(name).get();
    }

    private static String namespace(HelmReleaseSpec.DependencyReference ref, HelmRelease from) {
        return ref.namespace == null || ref.namespace.isEmpty() ? from.getMetadata().getNamespace() : ref.namespace;
    }

    private static String key(HelmRelease release) {
        return release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(HelmRelease object) {
        return client.getKubernetesSerialization().convertValue(object, Map.class);
    }
}
