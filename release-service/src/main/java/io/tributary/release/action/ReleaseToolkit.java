package io.tributary.release.action;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.apply.CrdInstaller;
import io.tributary.release.apply.ManifestApplier;
import io.tributary.release.chart.ChartRenderer;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.hooks.HookExecutor;
import io.tributary.release.postrender.KubectlKustomize;
import io.tributary.release.storage.ReleaseStorage;
import io.tributary.release.wait.ReadinessWaiter;

/** The Helm-facing parts every action uses (helm-controller's {@code internal/action}), built over one client. */
public final class ReleaseToolkit {

    final ReleaseStorage storage;
    final ClusterObjects cluster;
    final ManifestApplier applier;
    final ReadinessWaiter waiter;
    final HookExecutor hooks;
    final CrdInstaller crds;
    final ChartRenderer renderer;
    final ReleaseEvents events;
    final KubectlKustomize kustomize;

    public ReleaseToolkit(KubernetesClient client, HelmEngine engine, ReleaseEvents events) {
        this(client, engine, events, KubectlKustomize.installed());
    }

    public ReleaseToolkit(KubernetesClient client, HelmEngine engine, ReleaseEvents events, KubectlKustomize kustomize) {
        this.storage = new ReleaseStorage(client);
        this.cluster = new ClusterObjects(client);
        this.applier = new ManifestApplier(cluster);
        this.waiter = new ReadinessWaiter(cluster);
        this.hooks = new HookExecutor(cluster, waiter);
        this.crds = new CrdInstaller(cluster, waiter);
        this.renderer = new ChartRenderer(engine);
        this.events = events;
        this.kustomize = kustomize;
    }

    /** Before each step of an action: without a persistent client, the REST mapping is read afresh (helm-controller). */
    void step(ReleaseRequest req) {
        if (!req.persistentClient()) {
            cluster.forgetDiscovery();
        }
    }

    public ReleaseStorage storage() {
        return storage;
    }
}
