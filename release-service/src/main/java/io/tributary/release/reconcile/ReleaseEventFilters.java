package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes to a HelmRelease and to its HelmChart start a reconcile, as helm-controller's predicates decide
 * ({@code internal/controller/helmrelease_manager.go} at v1.6.3): a HelmRelease when its generation changes or a
 * reconcile is requested by annotation, not when a controller wrote its status; a HelmChart when it gets an artifact,
 * its artifact's revision changes, or it turns Ready ({@code SourceRevisionChangePredicate}), not at every status
 * write of source reconciling it. Without them each status write of either comes back as one more reconcile.
 */
public final class ReleaseEventFilters {

    private ReleaseEventFilters() {
    }

    /**
     * controller-runtime's {@code GenerationChangedPredicate} or Flux's {@code ReconcileRequestedPredicate} (a
     * {@code reconcile.fluxcd.io/requestedAt} the new object has and the old had not, or had with another value; the
     * force and reset annotations are acted on with it); also the start of a deletion and the SDK's finalizer arriving,
     * which the SDK needs to see.
     */
    public static boolean releaseChanged(HelmRelease oldRelease, HelmRelease newRelease) {
        String requested = annotation(newRelease, Annotations.REQUESTED_AT);
        return !Objects.equals(oldRelease.getMetadata().getGeneration(), newRelease.getMetadata().getGeneration())
                || requested != null && !requested.equals(annotation(oldRelease, Annotations.REQUESTED_AT))
                || oldRelease.getMetadata().getDeletionTimestamp() == null && newRelease.getMetadata().getDeletionTimestamp() != null
                // the SDK adds its finalizer and waits for this event before it reconciles
                || !oldRelease.hasFinalizer(HelmReleaseReconciler.SDK_FINALIZER) && newRelease.hasFinalizer(HelmReleaseReconciler.SDK_FINALIZER);
    }

    /** helm-controller's {@code SourceRevisionChangePredicate} for a HelmChart. */
    public static boolean chartRevisionChanged(HelmChart oldChart, HelmChart newChart) {
        Artifact before = oldChart.getStatus() == null ? null : oldChart.getStatus().artifact;
        Artifact after = newChart.getStatus() == null ? null : newChart.getStatus().artifact;
        if (after != null && (before == null || !Objects.equals(before.revision, after.revision))) {
            return true;
        }
        return !ready(oldChart) && ready(newChart);
    }

    private static boolean ready(HelmChart chart) {
        return chart.getStatus() != null && Conditions.isTrue(chart.getStatus().conditions, ConditionTypes.READY);
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** {@link #releaseChanged} for the controller's informer. */
    public static final class ReleaseUpdates implements OnUpdateFilter<HelmRelease> {
        @Override
        public boolean accept(HelmRelease newRelease, HelmRelease oldRelease) {
            return releaseChanged(oldRelease, newRelease);
        }
    }

    /** {@link #chartRevisionChanged} for the HelmChart informer. */
    static final class ChartUpdates implements OnUpdateFilter<HelmChart> {
        @Override
        public boolean accept(HelmChart newChart, HelmChart oldChart) {
            return chartRevisionChanged(oldChart, newChart);
        }
    }

    /**
     * A HelmChart appearing starts nothing (the HelmRelease that made it looks at it then), unless the informer first
     * sees it with an artifact already: no update event would follow to say so.
     */
    public static boolean chartAddedWithArtifact(HelmChart chart) {
        return chart.getStatus() != null && chart.getStatus().artifact != null && ready(chart);
    }

    /** {@link #chartAddedWithArtifact} for the HelmChart informer. */
    static final class ChartAdds implements OnAddFilter<HelmChart> {
        @Override
        public boolean accept(HelmChart chart) {
            return chartAddedWithArtifact(chart);
        }
    }
}
