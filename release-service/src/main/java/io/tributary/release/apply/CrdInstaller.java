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
        try {
            waiter.await(applied, timeout, false);
        } catch (ReadinessWaiter.NotReadyException e) {
            throw new ManifestApplier.ApplyFailure("CRDs not established: " + e.getMessage());
        }
    }
}
