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
        await(objects, timeout, waitForJobs, checks, false);
    }

    /** As {@link #await(List, Duration, boolean, HealthChecks)}; {@code legacy}: Helm v3's checks instead of kstatus. */
    public void await(List<ClusterObjects.Located> objects, Duration timeout, boolean waitForJobs, HealthChecks checks, boolean legacy)
            throws NotReadyException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> pending = new ArrayList<>();
            for (ClusterObjects.Located l : objects) {
                Readiness.Result result = legacy ? checkLegacy(l, waitForJobs) : check(l, waitForJobs, checks);
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

    /** Helm v3's readiness of the object now; one that is gone is not ready. */
    public Readiness.Result checkLegacy(ClusterObjects.Located l, boolean waitForJobs) {
        GenericKubernetesResource live = cluster.resource(l).get();
        if (live == null) {
            return new Readiness.Result(Readiness.Status.IN_PROGRESS, "not found");
        }
        return LegacyReadiness.of(l.object().getKind(), asMap(live), waitForJobs, legacyLookup);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object object) {
        return cluster.client().getKubernetesSerialization().convertValue(object, Map.class);
    }

    private final LegacyReadiness.Lookup legacyLookup = new LegacyReadiness.Lookup() {
        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> newReplicaSet(Map<String, Object> deployment) {
            Map<String, Object> metadata = (Map<String, Object>) deployment.get("metadata");
            String namespace = (String) metadata.get("namespace");
            Object uid = metadata.get("uid");
            String revision = metadata.get("annotations") instanceof Map<?, ?> a ? (String) a.get(REVISION) : null;
            Map<String, Object> newest = null;
            long newestRevision = -1;
            for (var rs : cluster.client().apps().replicaSets().inNamespace(namespace).list().getItems()) {
                boolean owned = rs.getMetadata().getOwnerReferences() != null
                        && rs.getMetadata().getOwnerReferences().stream().anyMatch(o -> java.util.Objects.equals(o.getUid(), uid));
                if (!owned) {
                    continue;
                }
                String rsRevision = rs.getMetadata().getAnnotations() == null ? null : rs.getMetadata().getAnnotations().get(REVISION);
                if (revision != null && revision.equals(rsRevision)) {
                    return asMap(rs);
                }
                long parsed = rsRevision == null || !rsRevision.matches("[0-9]+") ? 0 : Long.parseLong(rsRevision);
                if (parsed > newestRevision) {
                    newestRevision = parsed;
                    newest = asMap(rs);
                }
            }
            return revision == null ? newest : null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean podsReady(Map<String, Object> owner) {
            Map<String, Object> metadata = (Map<String, Object>) owner.get("metadata");
            Map<String, Object> spec = owner.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Object selector = spec.get("selector");
            Map<String, String> labels = new java.util.HashMap<>();
            if (selector instanceof Map<?, ?> sel) {
                Object match = sel.get("matchLabels");
                (match instanceof Map<?, ?> ml ? ml : sel).forEach((k, v) -> {
                    if (v instanceof String value) {
                        labels.put((String) k, value);
                    }
                });
            }
            return cluster.client().pods().inNamespace((String) metadata.get("namespace")).withLabels(labels).list().getItems().stream()
                    .allMatch(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        }
    };

    private static final String REVISION = "deployment.kubernetes.io/revision";

    static String name(ClusterObjects.Located l) {
        return l.object().getKind() + "/" + (l.namespace().isEmpty() ? "" : l.namespace() + "/") + l.object().getMetadata().getName();
    }

    KubernetesClient client() {
        return cluster.client();
    }
}
