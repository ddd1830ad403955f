package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.ExternalArtifact;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.OCIRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The source object whose artifact holds a HelmRelease's chart (a HelmChart, an OCIRepository or an
 * ExternalArtifact), as much of it as the release reads.
 *
 * @param observedGeneration null for an ExternalArtifact, whose status has none
 */
record ChartSource(String kind, String namespace, String name, Long generation, Long observedGeneration,
        List<Condition> conditions, Artifact artifact) {

    static ChartSource of(HelmChart chart) {
        var status = chart.getStatus();
        return new ChartSource(HelmChart.KIND, chart.getMetadata().getNamespace(), chart.getMetadata().getName(),
                chart.getMetadata().getGeneration(), status == null ? null : status.observedGeneration,
                status == null ? null : status.conditions, status == null ? null : status.artifact);
    }

    static ChartSource of(OCIRepository repository) {
        var status = repository.getStatus();
        return new ChartSource(OCIRepository.KIND, repository.getMetadata().getNamespace(), repository.getMetadata().getName(),
                repository.getMetadata().getGeneration(), status == null ? null : status.observedGeneration,
                status == null ? null : status.conditions, status == null ? null : status.artifact);
    }

    static ChartSource of(ExternalArtifact external) {
        var status = external.getStatus();
        return new ChartSource(ExternalArtifact.KIND, external.getMetadata().getNamespace(), external.getMetadata().getName(),
                external.getMetadata().getGeneration(), null, status == null ? null : status.conditions,
                status == null ? null : status.artifact);
    }

    /**
     * helm-controller's {@code isSourceReady}: why the release must wait for this source, or empty when its artifact
     * can be used. An ExternalArtifact only needs an artifact (its producer may write no conditions); the other kinds
     * must have reconciled their latest generation and not be Stalled.
     */
    Optional<String> notReady() {
        String prefix = kind + " '" + namespace + "/" + name + "' is not ready: ";
        if (ExternalArtifact.KIND.equals(kind)) {
            return artifact == null ? Optional.of(prefix + "does not have an artifact") : Optional.empty();
        }
        if (!Objects.equals(generation, observedGeneration == null ? 0L : observedGeneration)) {
            String message = Conditions.find(conditions, ConditionTypes.READY).filter(c -> "False".equals(c.getStatus()))
                    .map(Condition::getMessage).orElse("latest generation of object has not been reconciled");
            return Optional.of(prefix + message);
        }
        Optional<Condition> stalled = Conditions.find(conditions, ConditionTypes.STALLED).filter(c -> "True".equals(c.getStatus()));
        if (stalled.isPresent()) {
            return Optional.of(prefix + stalled.get().getMessage());
        }
        return artifact == null ? Optional.of(prefix + "does not have an artifact") : Optional.empty();
    }
}
