package io.tributary.release.wait;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kstatus's rules ({@code sigs.k8s.io/cli-utils/pkg/kstatus/status}) for whether a live object is Current, still
 * InProgress, or Failed, for the kinds a release waits on. Pure: reads the object as the API returned it.
 */
public final class Readiness {

    public enum Status {
        CURRENT,
        IN_PROGRESS,
        FAILED
    }

    public record Result(Status status, String message) {
        static Result current() {
            return new Result(Status.CURRENT, "");
        }

        static Result inProgress(String message) {
            return new Result(Status.IN_PROGRESS, message);
        }

        static Result failed(String message) {
            return new Result(Status.FAILED, message);
        }
    }

    private Readiness() {
    }

    /**
     * @param waitForJobs false under {@code disableWaitForJobs}: a Job counts as Current once it exists
     */
    public static Result of(String kind, Map<String, Object> object, boolean waitForJobs) {
        Map<String, Object> metadata = map(object.get("metadata"));
        Map<String, Object> status = map(object.get("status"));
        Map<String, Object> spec = map(object.get("spec"));
        if (metadata.get("deletionTimestamp") != null) {
            return Result.inProgress("resource scheduled for deletion");
        }
        Long generation = number(metadata.get("generation"));
        Long observed = number(status.get("observedGeneration"));
        if (generation != null && observed != null && observed < generation) {
            return Result.inProgress("observedGeneration " + observed + " is behind generation " + generation);
        }
        return switch (kind) {
            case "Deployment" -> deployment(spec, status);
            case "StatefulSet" -> statefulSet(spec, status);
            case "DaemonSet" -> daemonSet(status);
            case "ReplicaSet" -> replicas(spec, status, "readyReplicas");
            case "Job" -> waitForJobs ? job(status) : Result.current();
            case "Pod" -> pod(status);
            case "PersistentVolumeClaim" -> "Bound".equals(status.get("phase")) ? Result.current()
                    : Result.inProgress("PVC is not Bound, phase: " + Objects.requireNonNullElse(status.get("phase"), "unknown"));
            case "CustomResourceDefinition" -> conditionTrue(status, "Established") ? Result.current()
                    : Result.inProgress("CRD is not Established");
            default -> generic(status, metadata, generation, observed);
        };
    }

    private static Result deployment(Map<String, Object> spec, Map<String, Object> status) {
        Map<String, Object> progressing = condition(status, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.get("reason"))) {
            return Result.failed("Progress deadline exceeded");
        }
        long replicas = orDefault(number(spec.get("replicas")), 1);
        long updated = orDefault(number(status.get("updatedReplicas")), 0);
        long total = orDefault(number(status.get("replicas")), 0);
        long available = orDefault(number(status.get("availableReplicas")), 0);
        long ready = orDefault(number(status.get("readyReplicas")), 0);
        if (updated < replicas) {
            return Result.inProgress("Updated: " + updated + "/" + replicas);
        }
        if (total > updated) {
            return Result.inProgress("Pending termination: " + (total - updated));
        }
        if (available < updated) {
            return Result.inProgress("Available: " + available + "/" + updated);
        }
        if (ready < replicas) {
            return Result.inProgress("Ready: " + ready + "/" + replicas);
        }
        return Result.current();
    }

    private static Result statefulSet(Map<String, Object> spec, Map<String, Object> status) {
        Map<String, Object> strategy = map(spec.get("updateStrategy"));
        if ("OnDelete".equals(strategy.get("type"))) {
            return Result.current();
        }
        long replicas = orDefault(number(spec.get("replicas")), 1);
        long ready = orDefault(number(status.get("readyReplicas")), 0);
        long current = orDefault(number(status.get("currentReplicas")), 0);
        if (ready < replicas) {
            return Result.inProgress("Ready: " + ready + "/" + replicas);
        }
        Map<String, Object> rolling = map(strategy.get("rollingUpdate"));
        long partition = orDefault(number(rolling.get("partition")), 0);
        if (partition > 0) {
            long updated = orDefault(number(status.get("updatedReplicas")), 0);
            return updated < replicas - partition ? Result.inProgress("Partitioned roll out in progress") : Result.current();
        }
        if (current < replicas) {
            return Result.inProgress("Current: " + current + "/" + replicas);
        }
        if (!Objects.equals(status.get("currentRevision"), status.get("updateRevision"))) {
            return Result.inProgress("Waiting for updated revision " + status.get("updateRevision"));
        }
        return Result.current();
    }

    private static Result daemonSet(Map<String, Object> status) {
        long desired = orDefault(number(status.get("desiredNumberScheduled")), -1);
        if (desired < 0) {
            return Result.inProgress("Missing .status.desiredNumberScheduled");
        }
        long updated = orDefault(number(status.get("updatedNumberScheduled")), 0);
        long available = orDefault(number(status.get("numberAvailable")), 0);
        long ready = orDefault(number(status.get("numberReady")), 0);
        if (updated < desired) {
            return Result.inProgress("Updated: " + updated + "/" + desired);
        }
        if (available < desired) {
            return Result.inProgress("Available: " + available + "/" + desired);
        }
        if (ready < desired) {
            return Result.inProgress("Ready: " + ready + "/" + desired);
        }
        return Result.current();
    }

    private static Result replicas(Map<String, Object> spec, Map<String, Object> status, String field) {
        long replicas = orDefault(number(spec.get("replicas")), 1);
        long ready = orDefault(number(status.get(field)), 0);
        return ready < replicas ? Result.inProgress("Ready: " + ready + "/" + replicas) : Result.current();
    }

    private static Result job(Map<String, Object> status) {
        if (conditionTrue(status, "Failed")) {
            Map<String, Object> failed = condition(status, "Failed");
            return Result.failed(("Job Failed: " + Objects.requireNonNullElse(failed.get("reason"), "") + " "
                    + Objects.requireNonNullElse(failed.get("message"), "")).trim());
        }
        if (conditionTrue(status, "Complete")) {
            return Result.current();
        }
        return Result.inProgress("Job not complete: succeeded " + orDefault(number(status.get("succeeded")), 0) + ", active "
                + orDefault(number(status.get("active")), 0));
    }

    private static Result pod(Map<String, Object> status) {
        Object phase = status.get("phase");
        if ("Succeeded".equals(phase)) {
            return Result.current();
        }
        if ("Failed".equals(phase)) {
            return Result.failed("Pod phase Failed" + (status.get("reason") == null ? "" : ": " + status.get("reason")));
        }
        if ("Running".equals(phase) && conditionTrue(status, "Ready")) {
            return Result.current();
        }
        return Result.inProgress("Pod phase " + Objects.requireNonNullElse(phase, "Pending") + ", not Ready");
    }

    /** kstatus's generic rules: a Ready condition decides; an object without conditions is Current. */
    private static Result generic(Map<String, Object> status, Map<String, Object> metadata, Long generation, Long observed) {
        Map<String, Object> stalled = condition(status, "Stalled");
        if (stalled != null && "True".equals(stalled.get("status"))) {
            return Result.failed("Stalled: " + Objects.requireNonNullElse(stalled.get("message"), ""));
        }
        Map<String, Object> ready = condition(status, "Ready");
        if (ready != null) {
            return "True".equals(ready.get("status")) ? Result.current()
                    : Result.inProgress("Ready: " + ready.get("status") + ", " + Objects.requireNonNullElse(ready.get("message"), ""));
        }
        return Result.current();
    }

    private static boolean conditionTrue(Map<String, Object> status, String type) {
        Map<String, Object> c = condition(status, type);
        return c != null && "True".equals(c.get("status"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> status, String type) {
        if (!(status.get("conditions") instanceof List<?> list)) {
            return null;
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> c && type.equals(c.get("type"))) {
                return (Map<String, Object>) c;
            }
        }
        return null;
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
