package io.tributary.fetcher.source.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartStatus;
import io.tributary.api.source.ReconcileStrategy;
import io.tributary.api.source.SourceReference;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.Workspace;
import io.tributary.operator.EventRecorder;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.fetcher.status.SourceStatusUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The fetch worker's HelmChart steps for charts inside a GitRepository artifact: extract, package, store. */
@ApplicationScoped
public class HelmChartBuilder {

    /** The stable name {@code status.url} points at, as in Flux. */
    static final String LATEST = "latest.tar.gz";

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceStatusUpdates updates;
    @Inject
    EventRecorder events;

    @ConfigProperty(name = "tributary.helm.max-chart-file-bytes", defaultValue = "5242880")
    long maxChartFileBytes;

    public void build(FetchRequested request) throws InterruptedException {
        String namespace = request.source().namespace();
        HelmChart chart = client.resources(HelmChart.class).inNamespace(namespace).withName(request.source().name()).get();
        if (chart == null || chart.getSpec() == null || Boolean.TRUE.equals(chart.getSpec().suspend)) {
            return;
        }
        long generation = Objects.requireNonNullElse(chart.getMetadata().getGeneration(), 0L);
        HelmChartStatus status = chart.getStatus() == null ? new HelmChartStatus() : chart.getStatus();
        String previousDigest = status.artifact == null ? null : status.artifact.digest;
        updates.startIfNew(chart, status, generation);
        try (Workspace workspace = Workspace.create("chart-" + namespace + "-" + chart.getMetadata().getName())) {
            Packaged packaged = packageFromGit(chart, workspace);
            status.artifact = io.tributary.fetcher.artifact.ArtifactStatus.from(packaged.stored());
            String url = packaged.stored().url();
            status.url = url.substring(0, url.lastIndexOf('/') + 1) + LATEST;
            status.observedChartName = packaged.chart().name();
            status.observedSourceArtifactRevision = packaged.sourceRevision();
            String message = "packaged '" + packaged.chart().name() + "' chart with version '" + packaged.stored().revision() + "'";
            status.conditions = SourceConditions.succeeded(status.conditions, message, generation);
            updates.finish(chart, status, generation, request);
            if (!packaged.stored().digest().equals(previousDigest)) {
                events.normal(chart, "ChartPackageSucceeded", message,
                        Map.of(Annotations.REVISION, packaged.stored().revision(), Annotations.DIGEST, packaged.stored().digest()));
            }
        } catch (FetchFailure failure) {
            String type = Reasons.SOURCE_NOT_READY.equals(failure.reason()) ? ConditionTypes.FETCH_FAILED : ConditionTypes.BUILD_FAILED;
            updates.fail(chart, status, generation, request, type, failure.reason(), failure.getMessage(), failure.stalling());
        } catch (ArtifactStorageException storage) {
            updates.fail(chart, status, generation, request, ConditionTypes.STORAGE_OPERATION_FAILED, Reasons.ARCHIVE_OPERATION_FAILED,
                    storage.getMessage(), false);
        } catch (IOException io) {
            updates.fail(chart, status, generation, request, ConditionTypes.BUILD_FAILED, Reasons.CHART_PACKAGE_ERROR,
                    "packaging the chart failed: " + io.getMessage(), false);
        }
    }

    /** A stored chart package, the chart it holds and the source revision it was built from. */
    record Packaged(ArtifactInfo stored, ChartMetadata chart, String sourceRevision) {
    }

    /** Downloads the GitRepository artifact, extracts {@code spec.chart}, and stores it as {@code <chart>-<version>.tgz}. */
    private Packaged packageFromGit(HelmChart chart, Workspace workspace) throws FetchFailure, IOException, InterruptedException {
        String namespace = chart.getMetadata().getNamespace();
        SourceReference ref = chart.getSpec().sourceRef;
        if (ref == null || ref.kind != SourceReference.Kind.GitRepository) {
            throw new FetchFailure(Reasons.INVALID_CHART_REFERENCE, "spec.sourceRef: kind '" + (ref == null ? null : ref.kind)
                    + "' is not supported yet; use GitRepository", true);
        }
        String directory = ChartTree.chartDirectory(chart.getSpec().chart);
        GitRepository source = client.resources(GitRepository.class).inNamespace(namespace).withName(ref.name).get();
        if (source == null || source.getStatus() == null || source.getStatus().artifact == null) {
            throw new FetchFailure(Reasons.SOURCE_NOT_READY, "source GitRepository '" + ref.name + "' has no artifact yet", false);
        }
        var sourceArtifact = source.getStatus().artifact;
        Path tarball = workspace.dir().resolve("source.tar.gz");
        artifacts.download(sourceArtifact.url, sourceArtifact.digest, tarball);
        Path chartDir = workspace.dir().resolve("chart");
        if (!ChartTree.extract(tarball, directory, chartDir, maxChartFileBytes)) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.chart: path '" + chart.getSpec().chart
                    + "' not found in GitRepository '" + ref.name + "' at revision '" + sourceArtifact.revision + "'", true);
        }
        ChartMetadata metadata = ChartMetadata.read(chartDir, chart.getSpec().chart);
        String revision = revision(metadata.version(), chart.getSpec().reconcileStrategy, sourceArtifact.revision);
        ArtifactInfo stored = artifacts.upload(HelmChart.KIND, namespace, chart.getMetadata().getName(),
                metadata.name() + "-" + revision + ".tgz", revision, LATEST,
                out -> TreeTar.write(chartDir, metadata.name() + "/", (path, dir) -> false, out));
        return new Packaged(stored, metadata, sourceArtifact.revision);
    }

    /** {@code 6.0.3}, or {@code 6.0.3+<12 hex of the source revision>} with the Revision strategy. */
    static String revision(String version, ReconcileStrategy strategy, String sourceRevision) {
        if (strategy != ReconcileStrategy.Revision || sourceRevision == null) {
            return version;
        }
        String hex = sourceRevision.substring(sourceRevision.lastIndexOf(':') + 1);
        return version + "+" + hex.substring(0, Math.min(12, hex.length()));
    }


}
