package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartSpec;
import io.tributary.api.source.ReconcileStrategy;
import io.tributary.api.source.SourceReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates or updates the HelmChart a HelmRelease's {@code spec.chart} template describes. */
@ApplicationScoped
public class HelmChartSync {

    public static final String LABEL_NAME = "helm.toolkit.fluxcd.io/name";
    public static final String LABEL_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";

    @Inject
    KubernetesClient client;

    /** Returns the HelmChart as it is now in the API. */
    public HelmChart ensure(HelmRelease release) {
        return ensure(release, List.of());
    }

    /**
     * As {@link #ensure(HelmRelease)}, reading the HelmChart from {@code cached} (the informer's copies of this
     * release's HelmCharts) when it is there, as helm-controller reads through its cache; from the API otherwise.
     */
    public HelmChart ensure(HelmRelease release, Collection<HelmChart> cached) {
        HelmReleaseSpec.HelmChartTemplateSpec template = release.getSpec().chart.spec;
        String namespace = template.sourceRef.namespace == null || template.sourceRef.namespace.isBlank()
                ? release.getMetadata().getNamespace() : template.sourceRef.namespace;
        String name = ReleaseNames.helmChart(release);
        HelmChartSpec desired = desiredSpec(template, release.getSpec().interval);
        HelmChart existing = cached.stream().filter(c -> name.equals(c.getMetadata().getName())
                        && namespace.equals(c.getMetadata().getNamespace())).findFirst()
                .orElseGet(() -> client.resources(HelmChart.class).inNamespace(namespace).withName(name).get());
        if (existing == null) {
            HelmChart chart = new HelmChart();
            chart.getMetadata().setName(name);
            chart.getMetadata().setNamespace(namespace);
            chart.getMetadata().setLabels(Map.of(LABEL_NAME, release.getMetadata().getName(),
                    LABEL_NAMESPACE, release.getMetadata().getNamespace()));
            if (namespace.equals(release.getMetadata().getNamespace())) {
                // garbage-collected with its HelmRelease; owner references cannot cross namespaces
                chart.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion(release.getApiVersion()).withKind(release.getKind())
                        .withName(release.getMetadata().getName()).withUid(release.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(false).build()));
            }
            chart.setSpec(desired);
            try {
                return client.resources(HelmChart.class).inNamespace(namespace).resource(chart).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // created since the cache was filled
                existing = client.resources(HelmChart.class).inNamespace(namespace).withName(name).require();
            }
        }
        if (!sameSpec(existing.getSpec(), desired)) {
            // a copy: the informer's object is shared and never changed in place
            HelmChart changed = client.getKubernetesSerialization().clone(existing);
            changed.setSpec(desired);
            changed.setStatus(null);
            return client.resources(HelmChart.class).inNamespace(namespace).resource(changed).update();
        }
        return existing;
    }

    /**
     * helm-controller's {@code reconcileDelete} when a release moves from {@code spec.chart} to {@code spec.chartRef}:
     * deletes the HelmChart {@code status.helmChart} names ({@code <namespace>/<name>}), when this release made it
     * (its labels name the release), so a HelmChart the reference itself points at is never collected.
     */
    public void deleteGenerated(HelmRelease release, String helmChart) {
        int slash = helmChart.indexOf('/');
        if (slash <= 0) {
            return;
        }
        var resource = client.resources(HelmChart.class).inNamespace(helmChart.substring(0, slash)).withName(helmChart.substring(slash + 1));
        HelmChart chart = resource.get();
        Map<String, String> labels = chart == null ? null : chart.getMetadata().getLabels();
        if (labels != null && release.getMetadata().getName().equals(labels.get(LABEL_NAME))
                && release.getMetadata().getNamespace().equals(labels.get(LABEL_NAMESPACE))) {
            resource.delete();
        }
    }

    static HelmChartSpec desiredSpec(HelmReleaseSpec.HelmChartTemplateSpec template, String releaseInterval) {
        HelmChartSpec spec = new HelmChartSpec();
        spec.chart = template.chart;
        spec.version = template.version == null || template.version.isBlank() ? "*" : template.version;
        spec.sourceRef = new SourceReference();
        spec.sourceRef.kind = SourceReference.Kind.valueOf(template.sourceRef.kind);
        spec.sourceRef.name = template.sourceRef.name;
        spec.interval = template.interval == null ? releaseInterval : template.interval;
        spec.reconcileStrategy = template.reconcileStrategy == null ? ReconcileStrategy.ChartVersion
                : ReconcileStrategy.valueOf(template.reconcileStrategy);
        spec.valuesFiles = template.valuesFiles;
        spec.ignoreMissingValuesFiles = template.ignoreMissingValuesFiles;
        return spec;
    }

    static boolean sameSpec(HelmChartSpec a, HelmChartSpec b) {
        return a != null && Objects.equals(a.chart, b.chart) && Objects.equals(a.version, b.version)
                && a.sourceRef != null && a.sourceRef.kind == b.sourceRef.kind && Objects.equals(a.sourceRef.name, b.sourceRef.name)
                && Objects.equals(a.interval, b.interval) && Objects.equals(a.reconcileStrategy, b.reconcileStrategy)
                && Objects.equals(a.valuesFiles, b.valuesFiles) && Objects.equals(a.ignoreMissingValuesFiles, b.ignoreMissingValuesFiles);
    }
}
