package io.tributary.release.wait;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.cel.CelExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spec.healthCheckExprs}: for objects of a custom kind, readiness by CEL as fluxcd/pkg's
 * {@code StatusEvaluator} decides it. A stale {@code status.observedGeneration} is InProgress; then
 * {@code inProgress}, {@code failed} and {@code current}, the first true one wins; none true is InProgress.
 */
public final class HealthChecks {

    public static final HealthChecks NONE = new HealthChecks(List.of());

    private record Check(String apiVersion, String kind, CelExpression current, CelExpression failed, CelExpression inProgress) {
    }

    private final List<Check> checks;

    private HealthChecks(List<Check> checks) {
        this.checks = checks;
    }

    /** Compiles every expression; the first that does not compile fails, its field named. */
    public static HealthChecks of(List<HelmReleaseSpec.HealthCheckExpression> exprs) throws CelExpression.InvalidExpression {
        if (exprs == null || exprs.isEmpty()) {
            return NONE;
        }
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            HelmReleaseSpec.HealthCheckExpression e = exprs.get(i);
            String field = "spec.healthCheckExprs[" + i + "]";
            if (e.current == null || e.current.isBlank()) {
                throw new CelExpression.InvalidExpression(field + ".current: expression Current not specified");
            }
            checks.add(new Check(e.apiVersion, e.kind, compile(field + ".current", e.current), compile(field + ".failed", e.failed),
                    compile(field + ".inProgress", e.inProgress)));
        }
        return new HealthChecks(checks);
    }

    private static CelExpression compile(String field, String text) throws CelExpression.InvalidExpression {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return CelExpression.overFields(text);
        } catch (CelExpression.InvalidExpression e) {
            throw new CelExpression.InvalidExpression(field + ": " + e.getMessage());
        }
    }

    /** The custom verdict for {@code object}, or empty when no expression is for its apiVersion and kind. */
    public Optional<Readiness.Result> evaluate(Map<String, Object> object) {
        String group = group(String.valueOf(object.get("apiVersion")));
        Check groupOnly = null;
        for (Check check : checks) {
            if (!group.equals(group(check.apiVersion()))) {
                continue;
            }
            if (check.kind() == null || check.kind().isEmpty()) {
                groupOnly = groupOnly == null ? check : groupOnly;
            } else if (check.kind().equals(object.get("kind"))) {
                return Optional.of(evaluate(check, object)); // a kind's own entry before its group's
            }
        }
        return Optional.ofNullable(groupOnly).map(check -> evaluate(check, object));
    }

    /** The group of an apiVersion: only it is matched, every served version alike ("" for the core group). */
    private static String group(String apiVersion) {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static Readiness.Result evaluate(Check check, Map<String, Object> object) {
        Object observed = path(object, "status", "observedGeneration");
        Object generation = path(object, "metadata", "generation");
        if (observed instanceof Number o && generation instanceof Number g && o.longValue() != g.longValue()) {
            return Readiness.Result.inProgress("status.observedGeneration " + o + " is not metadata.generation " + g);
        }
        try {
            if (check.inProgress() != null && check.inProgress().evaluate(object)) {
                return Readiness.Result.inProgress("healthCheckExprs inProgress: " + check.inProgress().text());
            }
            if (check.failed() != null && check.failed().evaluate(object)) {
                return Readiness.Result.failed("healthCheckExprs failed: " + check.failed().text());
            }
            if (check.current().evaluate(object)) {
                return Readiness.Result.current();
            }
        } catch (CelExpression.EvaluationError e) {
            return Readiness.Result.inProgress(e.getMessage());
        }
        return Readiness.Result.inProgress("healthCheckExprs current is false: " + check.current().text());
    }

    private static Object path(Map<String, Object> object, String first, String second) {
        return object.get(first) instanceof Map<?, ?> inner ? inner.get(second) : null;
    }
}
