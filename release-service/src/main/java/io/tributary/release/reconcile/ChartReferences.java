package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.source.ExternalArtifact;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.OCIRepository;
import java.util.Collection;
import java.util.List;

/**
 * The source a HelmRelease's {@code spec.chart} or {@code spec.chartRef} names, as helm-controller's {@code getSource}
 * finds it: the HelmChart made from the template, or the HelmChart, OCIRepository or ExternalArtifact of the
 * reference (its namespace defaulting to the release's).
 */
final class ChartReferences {

    static final List<String> CHART_REF_KINDS = List.of(HelmChart.KIND, OCIRepository.KIND, ExternalArtifact.KIND);

    private ChartReferences() {
    }

    /** The referenced object does not exist or may not be read: retried (or stalled when denied), never a failed release. */
    static final class SourceUnavailable extends Exception {
        private final boolean denied;

        SourceUnavailable(String message, boolean denied) {
            super(message);
            this.denied = denied;
        }

        /** helm-controller's AccessDenied: only a spec change or a restart with other flags changes it. */
        boolean denied() {
            return denied;
        }
    }

    /**
     * Throws IllegalArgumentException naming the field when the reference is invalid; {@code cached} are the
     * informer's copies of the release's HelmCharts; {@code allowExternalArtifact} is helm-controller's
     * {@code ExternalArtifact} feature gate.
     */
    static ChartSource resolve(KubernetesClient client, HelmChartSync chartSync, HelmRelease release, Collection<HelmChart> cached,
            boolean allowExternalArtifact) throws SourceUnavailable {
        var spec = release.getSpec();
        validate(release);
        if (spec.chart != null) {
            return ChartSource.of(chartSync.ensure(release, cached));
        }
        String namespace = namespace(release);
        String name = spec.chartRef.name;
        switch (spec.chartRef.kind) {
            case OCIRepository.KIND -> {
                OCIRepository repository = client.resources(OCIRepository.class).inNamespace(namespace).withName(name).get();
                return ChartSource.of(found(repository, "ocirepositories", name));
            }
            case ExternalArtifact.KIND -> {
                if (!allowExternalArtifact) {
                    throw new SourceUnavailable("can't access '" + ExternalArtifact.KIND + "/" + namespace + "/" + name
                            + "', ExternalArtifact feature gate is disabled", true);
                }
                ExternalArtifact external = client.resources(ExternalArtifact.class).inNamespace(namespace).withName(name).get();
                return ChartSource.of(found(external, "externalartifacts", name));
            }
            default -> {
                HelmChart chart = cached.stream().filter(c -> name.equals(c.getMetadata().getName())
                                && namespace.equals(c.getMetadata().getNamespace())).findFirst()
                        .orElseGet(() -> client.resources(HelmChart.class).inNamespace(namespace).withName(name).get());
                return ChartSource.of(found(chart, "helmcharts", name));
            }
        }
    }

    /** Throws IllegalArgumentException naming the field: exactly one of chart and chartRef, of a kind a chart can come from. */
    static void validate(HelmRelease release) {
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
            return;
        }
        if (!CHART_REF_KINDS.contains(spec.chartRef.kind)) {
            throw new IllegalArgumentException("spec.chartRef.kind: must be OCIRepository, HelmChart or ExternalArtifact, got '"
                    + spec.chartRef.kind + "'");
        }
        if (spec.chartRef.name == null || spec.chartRef.name.isEmpty()) {
            throw new IllegalArgumentException("spec.chartRef.name: must be set");
        }
    }

    /** {@code spec.chartRef.namespace}, or the release's own. */
    static String namespace(HelmRelease release) {
        String namespace = release.getSpec().chartRef.namespace;
        return namespace == null || namespace.isEmpty() ? release.getMetadata().getNamespace() : namespace;
    }

    /** The source index key ({@code <kind>/<namespace>/<name>}) of what a release's chart comes from, as helm-controller indexes it. */
    static String sourceKey(HelmRelease release) {
        var spec = release.getSpec();
        if (spec == null || (spec.chart == null) == (spec.chartRef == null)) {
            return null;
        }
        if (spec.chartRef != null) {
            return spec.chartRef.kind + "/" + namespace(release) + "/" + spec.chartRef.name;
        }
        if (spec.chart.spec == null || spec.chart.spec.sourceRef == null) {
            return null;
        }
        String ns = spec.chart.spec.sourceRef.namespace;
        return HelmChart.KIND + "/" + (ns == null || ns.isBlank() ? release.getMetadata().getNamespace() : ns) + "/" + ReleaseNames.helmChart(release);
    }

    /** The object, or the API server's message for its absence, as helm-controller's get reports it. */
    private static <T> T found(T object, String resource, String name) throws SourceUnavailable {
        if (object == null) {
            throw new SourceUnavailable(resource + ".source.toolkit.fluxcd.io \"" + name + "\" not found", false);
        }
        return object;
    }
}
