package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.ExternalArtifact;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.OCIRepository;
import io.tributary.release.chart.ChartRevision;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes to a HelmRelease and to its HelmChart start a reconcile, as helm-controller's predicates decide
 * ({@code internal/controller/helmrelease_manager.go} at v1.6.3): a HelmRelease when its generation changes or a
 * reconcile is requested by annotation, not when a controller wrote its status; a HelmChart when it gets an artifact,
 * its artifact's revision changes, or it turns Ready ({@code SourceRevisionChangePredicate}), not at every status
 * write of source reconciling it; the same for the OCIRepository or ExternalArtifact a {@code spec.chartRef} names,
 * each then only for the releases that have not attempted that artifact yet. Without them each status write of either comes back as one more reconcile.
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
        return sourceRevisionChanged(ChartSource.of(oldChart), ChartSource.of(newChart));
    }

    /**
     * helm-controller's {@code SourceRevisionChangePredicate} for any chart source: it got an artifact, its artifact's
     * revision changed, or it turned Ready.
     */
    static boolean sourceRevisionChanged(ChartSource before, ChartSource after) {
        if (after.artifact() != null && (before.artifact() == null || !Objects.equals(before.artifact().revision, after.artifact().revision))) {
            return true;
        }
        return !ready(before) && ready(after);
    }

    private static boolean ready(ChartSource source) {
        return Conditions.isTrue(source.conditions(), ConditionTypes.READY);
    }

    private static boolean ready(HelmChart chart) {
        return ready(ChartSource.of(chart));
    }

    /**
     * helm-controller's {@code requestsFor<Kind>Change}: whether a source's new artifact should start a reconcile of a
     * release using it. A release that is Ready or Reconciling and already attempted this artifact is left alone: for
     * a HelmChart the revision is the one last attempted, for an OCIRepository (and an ExternalArtifact whose revision
     * has a digest) the digest is; an OCIRepository revision without a digest starts nothing.
     */
    static boolean releaseWantsArtifact(HelmRelease release, ChartSource source) {
        Artifact artifact = source.artifact();
        if (artifact == null || artifact.revision == null) {
            return false;
        }
        var status = release.getStatus();
        boolean busy = status != null && (Conditions.isTrue(status.conditions, ConditionTypes.READY)
                || Conditions.isTrue(status.conditions, ConditionTypes.RECONCILING));
        String lastRevision = status == null ? null : status.lastAttemptedRevision;
        String lastDigest = status == null ? null : status.lastAttemptedRevisionDigest;
        switch (source.kind()) {
            case ChartRevision.OCI_REPOSITORY -> {
                String digest = ChartRevision.digestOf(artifact.revision);
                return !digest.isEmpty() && !(busy && digest.equals(lastDigest));
            }
            case ChartRevision.EXTERNAL_ARTIFACT -> {
                if (artifact.revision.contains(":")) {
                    return !(busy && ChartRevision.digestOf(artifact.revision).equals(lastDigest));
                }
                return !(busy && artifact.revision.equals(lastRevision));
            }
            default -> {
                return !(busy && artifact.revision.equals(lastRevision));
            }
        }
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

    /** {@link #sourceRevisionChanged} for an OCIRepository informer. */
    static final class OciRepositoryUpdates implements OnUpdateFilter<OCIRepository> {
        @Override
        public boolean accept(OCIRepository newRepository, OCIRepository oldRepository) {
            return sourceRevisionChanged(ChartSource.of(oldRepository), ChartSource.of(newRepository));
        }
    }

    /** {@link #sourceRevisionChanged} for an ExternalArtifact informer. */
    static final class ExternalArtifactUpdates implements OnUpdateFilter<ExternalArtifact> {
        @Override
        public boolean accept(ExternalArtifact newArtifact, ExternalArtifact oldArtifact) {
            return sourceRevisionChanged(ChartSource.of(oldArtifact), ChartSource.of(newArtifact));
        }
    }

    /** As {@link ChartAdds}: a source first seen with an artifact (an ExternalArtifact needs no Ready condition). */
    static final class SourceAdds<R extends io.fabric8.kubernetes.api.model.HasMetadata> implements OnAddFilter<R> {
        private final java.util.function.Function<R, ChartSource> view;

        SourceAdds(java.util.function.Function<R, ChartSource> view) {
            this.view = view;
        }

        @Override
        public boolean accept(R object) {
            ChartSource source = view.apply(object);
            return source.artifact() != null && (ChartRevision.EXTERNAL_ARTIFACT.equals(source.kind()) || ready(source));
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
