package io.tributary.release.hooks;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.apply.ManifestApplier;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.HookRecord;
import io.tributary.release.wait.Readiness;
import io.tributary.release.wait.ReadinessWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the hooks of one phase as Helm's {@code execHook}: in {@link HookOrder}, each deleted first under
 * before-hook-creation, created, and (a Job or a Pod) waited for until it completes or fails; its {@code last_run} is
 * recorded in the release as it goes. Afterwards hooks are deleted per hook-succeeded / hook-failed.
 */
public final class HookExecutor {

    private static final long POLL_MILLIS = 200;

    private final ClusterObjects cluster;
    private final ReadinessWaiter waiter;

    public HookExecutor(ClusterObjects cluster, ReadinessWaiter waiter) {
        this.cluster = cluster;
        this.waiter = waiter;
    }

    /** A hook failed; the message is Helm's ({@code warning: Hook <phase> <path> failed: ...}). */
    public static final class HookFailure extends Exception {
        public HookFailure(String message) {
            super(message);
        }
    }

    /**
     * @param record called whenever a hook's {@code last_run} changed, to store the release
     */
    public void exec(HelmReleaseRecord release, HookEvent event, Duration timeout, boolean serverSideApply, Runnable record)
            throws HookFailure, InterruptedException {
        List<HookRecord> hooks = HookOrder.forEvent(release.hooks() == null ? List.of() : release.hooks(), HookRecord::toHook, event);
        for (int i = 0; i < hooks.size(); i++) {
            HookRecord h = hooks.get(i);
            Hook hook = h.toHook();
            ClusterObjects.Located located = locate(h, release.namespace(), event);
            if (hook.hasDeletePolicy(DeletePolicy.BEFORE_HOOK_CREATION)) {
                deleteAndWait(located, hook, timeout);
            }
            h.lastRun = new HookRecord.Execution();
            h.lastRun.startedAt = now();
            h.lastRun.phase = "Running";
            record.run();
            try {
                if (serverSideApply) {
                    cluster.resource(located).fieldManager(ManifestApplier.FIELD_MANAGER).forceConflicts().serverSideApply();
                } else {
                    cluster.resource(located).create();
                }
            } catch (KubernetesClientException e) {
                finish(h, "Failed", record);
                throw new HookFailure("warning: Hook " + event + " " + h.path + " failed: " + located.describe() + ": "
                        + ManifestApplier.apiMessage(e));
            }
            String failure = awaitCompletion(located, timeout);
            if (failure != null) {
                finish(h, "Failed", record);
                if (hook.hasDeletePolicy(DeletePolicy.HOOK_FAILED)) {
                    deleteQuietly(located, hook);
                }
                for (HookRecord earlier : hooks.subList(0, i)) {
                    if (earlier.toHook().hasDeletePolicy(DeletePolicy.HOOK_SUCCEEDED)) {
                        deleteQuietly(locate(earlier, release.namespace(), event), earlier.toHook());
                    }
                }
                throw new HookFailure("warning: Hook " + event + " " + h.path + " failed: " + failure);
            }
            finish(h, "Succeeded", record);
        }
        for (int i = hooks.size() - 1; i >= 0; i--) {
            HookRecord h = hooks.get(i);
            if (h.toHook().hasDeletePolicy(DeletePolicy.HOOK_SUCCEEDED)) {
                deleteAndWait(locate(h, release.namespace(), event), h.toHook(), timeout);
            }
        }
    }

    /** Helm's {@code WatchUntilReady}: only Jobs and Pods are waited for; null when the hook succeeded. */
    private String awaitCompletion(ClusterObjects.Located located, Duration timeout) throws InterruptedException {
        String kind = located.object().getKind();
        if (!"Job".equals(kind) && !"Pod".equals(kind)) {
            return null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Readiness.Result result = waiter.check(located, true);
            if (result.status() == Readiness.Status.CURRENT) {
                return null;
            }
            if (result.status() == Readiness.Status.FAILED) {
                return kind + " \"" + located.object().getMetadata().getName() + "\" " + result.message();
            }
            if (System.nanoTime() > deadline) {
                return kind + " \"" + located.object().getMetadata().getName() + "\" not complete after " + timeout.toSeconds()
                        + "s: " + result.message();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private ClusterObjects.Located locate(HookRecord h, String namespace, HookEvent event) throws HookFailure {
        try {
            List<RenderedDocument> docs = ManifestDocuments.split(h.manifest);
            if (docs.isEmpty()) {
                throw new HookFailure("unable to build kubernetes object for " + event + " hook " + h.path + ": empty manifest");
            }
            return cluster.locate(docs.get(0).object(), namespace);
        } catch (ManifestDocuments.InvalidManifestException | ClusterObjects.UnknownKindException e) {
            throw new HookFailure("unable to build kubernetes object for " + event + " hook " + h.path + ": " + e.getMessage());
        }
    }

    /** Helm never deletes a CRD hook: that could garbage-collect every object of the kind. */
    private void deleteAndWait(ClusterObjects.Located located, Hook hook, Duration timeout) throws HookFailure, InterruptedException {
        if ("CustomResourceDefinition".equals(hook.kind())) {
            return;
        }
        deleteQuietly(located, hook);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cluster.resource(located).get() != null) {
            if (System.nanoTime() > deadline) {
                throw new HookFailure("timed out waiting for hook " + located.describe() + " to be deleted");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void deleteQuietly(ClusterObjects.Located located, Hook hook) {
        if ("CustomResourceDefinition".equals(hook.kind())) {
            return;
        }
        try {
            cluster.resource(located).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static void finish(HookRecord h, String phase, Runnable record) {
        h.lastRun.completedAt = now();
        h.lastRun.phase = phase;
        record.run();
    }

    private static String now() {
        return Instant.now().toString();
    }
}
