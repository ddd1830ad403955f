package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The HelmChart a HelmRelease's {@code spec.chart} or {@code spec.chartRef} names, and whether it has an artifact. */
final class ChartReferences {

    private ChartReferences() {
    }

    /**
     * Throws IllegalArgumentException naming the field when the reference is invalid; {@code cached} are the
     * informer's copies of the release's HelmCharts.
     */
    static HelmChart resolve(KubernetesClient client, HelmChartSync chartSync, HelmRelease release, Collection<HelmChart> cached) {
        var spec = release.getSpec();
        if ((spec.chart == null) == (spec.chartRef == null)) {
            throw new IllegalArgumentException("spec: exactly one of 'chart' or 'chartRef' must be set");
        }
        if (spec.chart != null) {
            if (spec.chart.spec == null || spec.chart.spec.sourceRef == null || spec.chart.spec.chart == null) {
                throw new IllegalArgumentException("spec.chart.spec: 'chart' and 'sourceRef' are required");
            }
            if (!List.of("HelmRepository", "GitRepository", "Bucket").contains(spec.chart.spec.sourceRef.kind)) {
                throw new IllegalArgumentException("spec.chart.spec.sourceRef.kind: must be HelmRepository, GitRepository or Bucket, got '"
                        + spec.chart.spec.sourceRef.kind + "'");
            }
            return chartSync.ensure(release, cached);
        }
        if (!"HelmChart".equals(spec.chartRef.kind)) {
            throw new IllegalArgumentException("spec.chartRef.kind: '" + spec.chartRef.kind + "' is not supported yet; use HelmChart");
        }
        String namespace = spec.chartRef.namespace == null ? release.getMetadata().getNamespace() : spec.chartRef.namespace;
        HelmChart chart = client.resources(HelmChart.class).inNamespace(namespace).withName(spec.chartRef.name).get();
        if (chart == null) {
            HelmChart placeholder = new HelmChart();
            placeholder.getMetadata().setName(spec.chartRef.name);
            placeholder.getMetadata().setNamespace(namespace);
            return placeholder;
        }
        return chart;
    }

    static boolean ready(HelmChart chart) {
        var status = chart.getStatus();
        return status != null && status.artifact != null
                && Objects.equals(status.observedGeneration, chart.getMetadata().getGeneration())
                && Conditions.isTrue(status.conditions, ConditionTypes.READY);
    }
}
