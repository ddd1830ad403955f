package io.tributary.release.wait;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code waitStrategy.name: legacy}: Helm v3's {@code ReadyChecker} (pkg/kube/ready.go, v3.21.4), which
 * helm-controller uses under that strategy. Unlike kstatus it knows only the built-in workload kinds: every other
 * object is ready once it exists, and a Job that has failed more often than its backoff limit fails the wait.
 */
public final class LegacyReadiness {

    /** What the checker reads besides the object itself. */
    public interface Lookup {
        /** The Deployment's newest ReplicaSet (Helm's {@code GetNewReplicaSet}), or null if there is none yet. */
        Map<String, Object> newReplicaSet(Map<String, Object> deployment);

        /** Whether every Pod the selector of {@code owner} matches is Ready. */
        boolean podsReady(Map<String, Object> owner);
    }

    private LegacyReadiness() {
    }

    public static Readiness.Result of(String kind, Map<String, Object> object, boolean waitForJobs, Lookup lookup) {
        Map<String, Object> spec = map(object.get("spec"));
        Map<String, Object> status = map(object.get("status"));
        return switch (kind) {
            case "Pod" -> conditionTrue(status, "Ready") ? Readiness.Result.current() : Readiness.Result.inProgress("Pod is not ready");
            case "Job" -> waitForJobs ? job(spec, status) : Readiness.Result.current();
            case "Deployment" -> deployment(object, spec, lookup);
            case "PersistentVolumeClaim" -> "Bound".equals(status.get("phase")) ? Readiness.Result.current()
                    : Readiness.Result.inProgress("PersistentVolumeClaim is not bound");
            case "Service" -> service(spec, status);
            case "DaemonSet" -> daemonSet(object, spec, status);
            case "CustomResourceDefinition" -> crd(status);
            case "StatefulSet" -> statefulSet(object, spec, status);
            case "ReplicationController", "ReplicaSet" -> !generationObserved(object)
                    ? Readiness.Result.inProgress(kind + " is not ready: observedGeneration does not match spec generation")
                    : lookup.podsReady(object) ? Readiness.Result.current() : Readiness.Result.inProgress("Pods are not ready");
            default -> Readiness.Result.current();
        };
    }

    private static Readiness.Result job(Map<String, Object> spec, Map<String, Object> status) {
        long backoffLimit = orDefault(number(spec.get("backoffLimit")), 6);
        if (orDefault(number(status.get("failed")), 0) > backoffLimit) {
            return Readiness.Result.failed("job is failed");
        }
        Long completions = number(spec.get("completions"));
        if (completions != null && orDefault(number(status.get("succeeded")), 0) < completions) {
            return Readiness.Result.inProgress("Job is not completed");
        }
        return Readiness.Result.current();
    }

    private static Readiness.Result deployment(Map<String, Object> object, Map<String, Object> spec, Lookup lookup) {
        if (Boolean.TRUE.equals(spec.get("paused"))) {
            return Readiness.Result.inProgress("Deployment is paused");
        }
        Map<String, Object> rs = lookup.newReplicaSet(object);
        if (rs == null) {
            return Readiness.Result.inProgress("Deployment has no new ReplicaSet yet");
        }
        if (!generationObserved(rs)) {
            return Readiness.Result.inProgress("ReplicaSet is not ready: observedGeneration does not match spec generation");
        }
        if (!generationObserved(object)) {
            return Readiness.Result.inProgress("Deployment is not ready: observedGeneration does not match spec generation");
        }
        long replicas = orDefault(number(spec.get("replicas")), 1);
        long expected = replicas - maxUnavailable(spec, replicas);
        long ready = orDefault(number(map(rs.get("status")).get("readyReplicas")), 0);
        return ready >= expected ? Readiness.Result.current()
                : Readiness.Result.inProgress("Deployment is not ready: " + ready + " out of " + expected + " expected pods are ready");
    }

    /** deploymentutil.MaxUnavailable: Recreate or zero replicas allow none; otherwise maxUnavailable rounded down, at least 1 if maxSurge is 0. */
    static long maxUnavailable(Map<String, Object> spec, long replicas) {
        Map<String, Object> strategy = map(spec.get("strategy"));
        if ("Recreate".equals(strategy.get("type")) || replicas == 0) {
            return 0;
        }
        Map<String, Object> rolling = map(strategy.get("rollingUpdate"));
        long surge = scaled(rolling.getOrDefault("maxSurge", "25%"), replicas, true);
        long unavailable = scaled(rolling.getOrDefault("maxUnavailable", "25%"), replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return Math.min(unavailable, replicas);
    }

    private static Readiness.Result service(Map<String, Object> spec, Map<String, Object> status) {
        if ("ExternalName".equals(spec.get("type"))) {
            return Readiness.Result.current();
        }
        Object clusterIp = spec.get("clusterIP");
        if (clusterIp == null || "".equals(clusterIp)) {
            return Readiness.Result.inProgress("Service does not have cluster IP address");
        }
        if ("LoadBalancer".equals(spec.get("type"))) {
            if (spec.get("externalIPs") instanceof List<?> ips && !ips.isEmpty()) {
                return Readiness.Result.current();
            }
            if (map(status.get("loadBalancer")).get("ingress") == null) {
                return Readiness.Result.inProgress("Service does not have load balancer ingress IP address");
            }
        }
        return Readiness.Result.current();
    }

    private static Readiness.Result daemonSet(Map<String, Object> object, Map<String, Object> spec, Map<String, Object> status) {
        if (!generationObserved(object)) {
            return Readiness.Result.inProgress("DaemonSet is not ready: observedGeneration does not match spec generation");
        }
        Map<String, Object> strategy = map(spec.get("updateStrategy"));
        if (!"RollingUpdate".equals(strategy.getOrDefault("type", "RollingUpdate"))) {
            return Readiness.Result.current();
        }
        long desired = orDefault(number(status.get("desiredNumberScheduled")), 0);
        long updated = orDefault(number(status.get("updatedNumberScheduled")), 0);
        if (updated != desired) {
            return Readiness.Result.inProgress("DaemonSet is not ready: " + updated + " out of " + desired + " expected pods have been scheduled");
        }
        Object max = map(strategy.get("rollingUpdate")).get("maxUnavailable");
        long maxUnavailable = max == null ? desired : scaled(max, desired, true);
        long expected = desired - maxUnavailable;
        long ready = orDefault(number(status.get("numberReady")), 0);
        return ready >= expected ? Readiness.Result.current()
                : Readiness.Result.inProgress("DaemonSet is not ready: " + ready + " out of " + expected + " expected pods are ready");
    }

    private static Readiness.Result crd(Map<String, Object> status) {
        if (status.get("conditions") instanceof List<?> conditions) {
            for (Object item : conditions) {
                if (item instanceof Map<?, ?> c && ("Established".equals(c.get("type")) && "True".equals(c.get("status"))
                        || "NamesAccepted".equals(c.get("type")) && "False".equals(c.get("status")))) {
                    return Readiness.Result.current();
                }
            }
        }
        return Readiness.Result.inProgress("CustomResourceDefinition is not established");
    }

    private static Readiness.Result statefulSet(Map<String, Object> object, Map<String, Object> spec, Map<String, Object> status) {
        if (!generationObserved(object)) {
            return Readiness.Result.inProgress("StatefulSet is not ready: observedGeneration does not match spec generation");
        }
        Map<String, Object> strategy = map(spec.get("updateStrategy"));
        if (!"RollingUpdate".equals(strategy.getOrDefault("type", "RollingUpdate"))) {
            return Readiness.Result.current();
        }
        long partition = orDefault(number(map(strategy.get("rollingUpdate")).get("partition")), 0);
        long replicas = orDefault(number(spec.get("replicas")), 1);
        long expected = replicas - partition;
        long updated = orDefault(number(status.get("updatedReplicas")), 0);
        if (updated < expected) {
            return Readiness.Result.inProgress("StatefulSet is not ready: " + updated + " out of " + expected + " expected pods have been scheduled");
        }
        long ready = orDefault(number(status.get("readyReplicas")), 0);
        if (ready != replicas) {
            return Readiness.Result.inProgress("StatefulSet is not ready: " + ready + " out of " + replicas + " expected pods are ready");
        }
        if (partition == 0 && !Objects.equals(status.get("currentRevision"), status.get("updateRevision"))) {
            return Readiness.Result.inProgress("StatefulSet is not ready: currentRevision does not yet match updateRevision");
        }
        return Readiness.Result.current();
    }

    private static boolean generationObserved(Map<String, Object> object) {
        return Objects.equals(orDefault(number(map(object.get("status")).get("observedGeneration")), 0),
                orDefault(number(map(object.get("metadata")).get("generation")), 0));
    }

    /** intstr.GetScaledValueFromIntOrPercent. */
    static long scaled(Object value, long total, boolean roundUp) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = String.valueOf(value);
        if (!text.endsWith("%")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return total;
            }
        }
        double percent;
        try {
            percent = Double.parseDouble(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            return total;
        }
        double scaled = percent * total / 100.0;
        return (long) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }

    private static boolean conditionTrue(Map<String, Object> status, String type) {
        if (status.get("conditions") instanceof List<?> conditions) {
            for (Object item : conditions) {
                if (item instanceof Map<?, ?> c && type.equals(c.get("type")) && "True".equals(c.get("status"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
