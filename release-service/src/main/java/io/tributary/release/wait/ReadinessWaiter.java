package io.tributary.release.wait;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.release.apply.ClusterObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Waits until every object of a release is Current by {@link Readiness}, as Helm's status watcher does; a Failed
 * object ends the wait at once, a timeout fails it naming each object not ready.
 */
public final class ReadinessWaiter {

    private static final long POLL_MILLIS = 200;

    private final ClusterObjects cluster;

    public ReadinessWaiter(ClusterObjects cluster) {
        this.cluster = cluster;
    }

    public static final class NotReadyException extends Exception {
        public NotReadyException(String message) {
            super(message);
        }
    }

    public void await(List<ClusterObjects.Located> objects, Duration timeout, boolean waitForJobs)
            throws NotReadyException, InterruptedException {
        await(objects, timeout, waitForJobs, HealthChecks.NONE);
    }

    /** As {@link #await(List, Duration, boolean)}, custom kinds judged by {@code checks}. */
    public void await(List<ClusterObjects.Located> objects, Duration timeout, boolean waitForJobs, HealthChecks checks)
            throws NotReadyException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> pending = new ArrayList<>();
            for (ClusterObjects.Located l : objects) {
                Readiness.Result result = check(l, waitForJobs, checks);
                if (result.status() == Readiness.Status.FAILED) {
                    throw new NotReadyException(name(l) + " failed: " + result.message());
                }
                if (result.status() == Readiness.Status.IN_PROGRESS) {
                    pending.add(name(l) + ": " + result.message());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NotReadyException("timed out waiting for the condition after " + timeout.toSeconds() + "s; not ready: "
                        + String.join("; ", pending));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The object's readiness now; one that is gone counts as still in progress. */
    public Readiness.Result check(ClusterObjects.Located l, boolean waitForJobs) {
        return check(l, waitForJobs, HealthChecks.NONE);
    }

    public Readiness.Result check(ClusterObjects.Located l, boolean waitForJobs, HealthChecks checks) {
        GenericKubernetesResource live = cluster.resource(l).get();
        if (live == null) {
            return new Readiness.Result(Readiness.Status.IN_PROGRESS, "not found");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = cluster.client().getKubernetesSerialization().convertValue(live, Map.class);
        return checks.evaluate(object).orElseGet(() -> Readiness.of(l.object().getKind(), object, waitForJobs));
    }

    static String name(ClusterObjects.Located l) {
        return l.object().getKind() + "/" + (l.namespace().isEmpty() ? "" : l.namespace() + "/") + l.object().getMetadata().getName();
    }

    KubernetesClient client() {
        return cluster.client();
    }
}
