package io.tributary.release.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import io.tributary.release.wait.ReadinessWaiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Applies a chart's {@code crds/} per {@link CrdPolicy} and waits for them to be Established. */
public final class CrdInstaller {

    private final ClusterObjects cluster;
    private final ReadinessWaiter waiter;

    public CrdInstaller(ClusterObjects cluster, ReadinessWaiter waiter) {
        this.cluster = cluster;
        this.waiter = waiter;
    }

    public void apply(LoadedChart chart, CrdPolicy policy, Duration timeout) throws ManifestApplier.ApplyFailure, InterruptedException {
        if (policy == CrdPolicy.SKIP || chart.crds().isEmpty()) {
            return;
        }
        List<ClusterObjects.Located> applied = new ArrayList<>();
        for (LoadedChart.CrdDocument file : chart.crds()) {
            List<RenderedDocument> docs;
            try {
                docs = ManifestDocuments.split(file.content());
            } catch (ManifestDocuments.InvalidManifestException e) {
                throw new ManifestApplier.ApplyFailure("failed to install CRD " + file.path() + ": " + e.getMessage());
            }
            for (RenderedDocument d : docs) {
                ClusterObjects.Located l;
                try {
                    l = cluster.locate(d.object(), "");
                } catch (ClusterObjects.UnknownKindException e) {
                    throw new ManifestApplier.ApplyFailure("failed to install CRD " + file.path() + ": " + e.getMessage());
                }
                try {
                    boolean exists = cluster.resource(l).get() != null;
                    if (!exists) {
                        cluster.resource(l).create();
                    } else if (policy == CrdPolicy.CREATE_REPLACE) {
                        cluster.resource(l).fieldManager(ManifestApplier.FIELD_MANAGER).forceConflicts().serverSideApply();
                    }
                } catch (KubernetesClientException e) {
                    throw new ManifestApplier.ApplyFailure("failed to install CRD " + file.path() + ": " + l.describe() + ": "
                            + ManifestApplier.apiMessage(e));
                }
                applied.add(l);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            waiter.await(applied, timeout, false);
        } catch (ReadinessWaiter.NotReadyException e) {
            throw new ManifestApplier.ApplyFailure("CRDs not established: " + e.getMessage());
        }
        for (ClusterObjects.Located l : applied) {
            awaitServed(l, deadline);
        }
    }

    /**
     * An Established CRD can still be missing from discovery for a moment; the release's objects of its kinds are
     * applied only once every served version lists the kind, as Helm re-reads discovery after installing CRDs.
     */
    @SuppressWarnings("unchecked")
    private void awaitServed(ClusterObjects.Located crd, long deadline) throws ManifestApplier.ApplyFailure, InterruptedException {
        Object spec = crd.object().getAdditionalProperties().get("spec");
        if (!(spec instanceof java.util.Map<?, ?> s) || !(s.get("names") instanceof java.util.Map<?, ?> names)
                || !(s.get("versions") instanceof List<?> versions)) {
            return;
        }
        for (Object v : versions) {
            if (!(v instanceof java.util.Map<?, ?> version) || Boolean.FALSE.equals(version.get("served"))) {
                continue;
            }
            String apiVersion = s.get("group") + "/" + version.get("name");
            String kind = String.valueOf(names.get("kind"));
            while (true) {
                try {
                    cluster.context(apiVersion, kind, crd.object().getMetadata().getName());
                    break;
                } catch (ClusterObjects.UnknownKindException e) {
                    if (System.nanoTime() > deadline) {
                        throw new ManifestApplier.ApplyFailure("CRD " + crd.object().getMetadata().getName() + " is established but "
                                + apiVersion + " " + kind + " is not served yet");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }
}
