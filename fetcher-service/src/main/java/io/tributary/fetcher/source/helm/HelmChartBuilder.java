package io.tributary.fetcher.source.helm;

import io.tributary.fetcher.source.SpecRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartSpec;
import io.tributary.api.source.HelmChartStatus;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositorySpec;
import io.tributary.api.source.ReconcileStrategy;
import io.tributary.api.source.SourceReference;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.CatalogClient;
import io.tributary.fetcher.artifact.ArtifactStatus;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SourceFetch;
import io.tributary.fetcher.source.Workspace;
import io.tributary.fetcher.source.oci.OciVerificationFailure;
import io.tributary.fetcher.status.Sanitizer;
import io.tributary.helm.index.ChartVersion;
import io.tributary.helm.index.HelmIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fetch worker's HelmChart steps: pull a chart version from a HelmRepository, or package a chart directory of a
 * GitRepository or Bucket artifact (honouring {@code .helmignore}, building its dependencies); then merge {@code valuesFiles}
 * and store {@code <chart>-<version>.tgz}.
 */
@ApplicationScoped
public class HelmChartBuilder {

    /** The spec rules the scheduler and this worker both check. */
    public static final SpecRules<HelmChart> RULES = new SpecRules<>(chart -> {
        Duration interval = Durations.parse("spec.interval", chart.getSpec().interval);
        if (chart.getSpec().sourceRef == null || chart.getSpec().sourceRef.name == null) {
            throw new IllegalArgumentException("spec.sourceRef: kind and name are required");
        }
        return interval;
    }, ConditionTypes.BUILD_FAILED, Reasons.INVALID_CHART_REFERENCE);

    /** The stable name {@code status.url} points at, as in Flux. */
    static final String LATEST = "latest.tar.gz";

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceFetch sources;
    @Inject
    CatalogClient catalog;

    @ConfigProperty(name = "tributary.helm.max-chart-file-bytes", defaultValue = "5242880")
    long maxChartFileBytes;
    @ConfigProperty(name = "tributary.helm.max-chart-bytes", defaultValue = "10485760")
    long maxChartBytes;
    @ConfigProperty(name = "tributary.helm.max-chart-unpacked-bytes", defaultValue = "104857600")
    long maxChartUnpackedBytes;

    public void build(FetchRequested request) throws InterruptedException {
        Optional<HelmChart> chart = sources.load(HelmChart.class, request, c -> Boolean.TRUE.equals(c.getSpec().suspend));
        if (chart.isPresent()) {
            sources.run(chart.get(), request, HelmChartStatus::new, RULES, (c, status, generation, workspace) -> build(c, status, generation,
                    workspace, request), HelmChartBuilder::classify);
        }
    }

    private SourceFetch.Done build(HelmChart chart, HelmChartStatus status, long generation, Workspace workspace, FetchRequested request)
            throws FetchFailure, IOException, InterruptedException {
        boolean pulled = kind(chart.getSpec()) == SourceReference.Kind.HelmRepository;
        Packaged packaged = pulled ? pullFromRepository(chart, status, generation, workspace) : packageFromSource(chart, generation, workspace, request);
        if (packaged.stored() != null) {
            status.artifact = ArtifactStatus.from(packaged.stored());
            String url = packaged.stored().url();
            status.url = url.substring(0, url.lastIndexOf('/') + 1) + LATEST;
        }
        status.observedChartName = packaged.chartName();
        status.observedSourceArtifactRevision = packaged.sourceRevision();
        status.observedValuesFiles = packaged.valuesFiles().isEmpty() ? null : packaged.valuesFiles();
        return new SourceFetch.Done(packaged.message(), pulled ? "ChartPullSucceeded" : "ChartPackageSucceeded", packaged.message());
    }

    /** Build problems are BuildFailed (a source not ready yet is FetchFailed); download problems are FetchFailed. */
    static SourceFetch.Failed classify(Exception failure, HelmChartStatus status, long generation) {
        if (failure instanceof OciVerificationFailure verification) {
            return new SourceFetch.Failed(null, verification.reason(), verification.getMessage(), verification.kind());
        }
        if (failure instanceof FetchFailure fetch) {
            String type = Reasons.SOURCE_NOT_READY.equals(fetch.reason()) ? ConditionTypes.FETCH_FAILED : ConditionTypes.BUILD_FAILED;
            return new SourceFetch.Failed(type, fetch.reason(), fetch.getMessage(), fetch.kind());
        }
        if (failure instanceof HelmHttp.DownloadException download) {
            String reason = download.status() == 401 || download.status() == 403 ? Reasons.AUTHENTICATION_FAILED : Reasons.CHART_PULL_ERROR;
            return new SourceFetch.Failed(ConditionTypes.FETCH_FAILED, reason, download.getMessage(), false);
        }
        if (failure instanceof IOException io && !(failure instanceof ArtifactStorageException)) {
            return new SourceFetch.Failed(ConditionTypes.BUILD_FAILED, Reasons.CHART_PACKAGE_ERROR, "packaging the chart failed: " + io.getMessage(), false);
        }
        return null;
    }

    private static SourceReference.Kind kind(HelmChartSpec spec) throws FetchFailure {
        if (spec.sourceRef == null || spec.sourceRef.kind == null || spec.sourceRef.name == null) {
            throw new FetchFailure(Reasons.INVALID_CHART_REFERENCE, "spec.sourceRef: kind and name are required", true);
        }
        return spec.sourceRef.kind;
    }

    /** A stored chart package (null when the stored one is up to date), what it is and what it was built from. */
    record Packaged(ArtifactInfo stored, String chartName, String sourceRevision, List<String> valuesFiles, String message) {
    }

    /** Picks the version from the repository's index artifact, downloads and checks the package, and stores it. */
    private Packaged pullFromRepository(HelmChart chart, HelmChartStatus status, long generation, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        HelmChartSpec spec = chart.getSpec();
        String namespace = chart.getMetadata().getNamespace();
        HelmRepository repo = client.resources(HelmRepository.class).inNamespace(namespace).withName(spec.sourceRef.name).get();
        if (repo == null) {
            throw FetchFailure.waiting(Reasons.SOURCE_NOT_READY, "HelmRepository '" + namespace + "/" + spec.sourceRef.name + "' not found");
        }
        if (repo.getSpec() != null && repo.getSpec().type == HelmRepositorySpec.Type.OCI) {
            return pullFromOci(chart, repo, status, generation, workspace);
        }
        if (repo.getStatus() == null || repo.getStatus().artifact == null) {
            throw FetchFailure.waiting(Reasons.SOURCE_NOT_READY, "HelmRepository '" + spec.sourceRef.name + "' has no index artifact yet");
        }
        CatalogClient.ChartVersions found;
        try {
            found = catalog.versions(namespace, spec.sourceRef.name, spec.chart);
        } catch (CatalogClient.NotFound missing) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, missing.getMessage(), false);
        }
        String indexRevision = found.indexDigest() != null ? found.indexDigest() : repo.getStatus().artifact.revision;
        ChartVersion version;
        try {
            version = new HelmIndex("v1", null, Map.of(spec.chart, found.versions())).select(spec.chart, spec.version)
                    .orElseThrow(() -> new FetchFailure(Reasons.CHART_PULL_ERROR, "no '" + spec.chart + "' chart with version matching '"
                            + (spec.version == null ? "*" : spec.version) + "' in HelmRepository '" + spec.sourceRef.name + "'", false));
        } catch (IllegalArgumentException invalid) {
            throw new FetchFailure(Reasons.INVALID_CHART_REFERENCE, "spec.version: " + invalid.getMessage(), true);
        }
        String revision = revision(version.version(), spec, spec.valuesFiles == null || spec.valuesFiles.isEmpty() ? -1 : generation,
                indexRevision);
        if (status.artifact != null && revision.equals(status.artifact.revision) && spec.chart.equals(status.observedChartName)
                && Objects.equals(status.observedGeneration, generation) && artifacts.exists(status.artifact.url)) {
            return new Packaged(null, spec.chart, indexRevision, status.observedValuesFiles == null ? List.of() : status.observedValuesFiles,
                    "pulled '" + spec.chart + "' chart with version '" + revision + "'");
        }
        if (version.urls().isEmpty()) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, "index entry '" + spec.chart + "' " + version.version() + " has no URL", false);
        }
        Duration timeout = Durations.parseOr("spec.timeout", repo.getSpec().timeout, Duration.ofSeconds(60));
        HelmHttp http = HelmSecrets.client(client, repo, timeout);
        URI url = http.resolve(version.urls().get(0));
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, "chart URL '" + Sanitizer.sanitize(url.toString()) + "' is not http(s)", false);
        }
        String what = "chart '" + spec.chart + "' " + version.version();
        HelmHttp.Downloaded downloaded = http.download(url, workspace.dir().resolve("chart.tgz"), maxChartBytes, what);
        if (version.digest() != null && !version.digest().isBlank() && !version.digest().equalsIgnoreCase(downloaded.sha256())) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, what + ": digest sha256:" + downloaded.sha256()
                    + " does not match the index's " + version.digest(), false);
        }
        return packagePulled(chart, generation, downloaded.file(), version.version(), indexRevision, what, workspace);
    }

    /** Unpacks a pulled package, checks its name, merges values files and stores it under its revision. */
    private Packaged packagePulled(HelmChart chart, long generation, Path file, String version, String sourceRevision, String what,
            Workspace workspace) throws FetchFailure, IOException, InterruptedException {
        HelmChartSpec spec = chart.getSpec();
        Path chartDir = workspace.dir().resolve("chart");
        ChartArchive.extract(file, chartDir, limits(), what);
        ChartMetadata metadata = ChartMetadata.read(chartDir, spec.chart);
        if (!metadata.name().equals(spec.chart)) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, what + " is named '" + metadata.name() + "' in its Chart.yaml", false);
        }
        List<String> valuesFiles = spec.valuesFiles == null || spec.valuesFiles.isEmpty() ? List.of()
                : ValuesFiles.apply(chartDir, spec.valuesFiles, Boolean.TRUE.equals(spec.ignoreMissingValuesFiles), chartDir);
        String revision = revision(version, spec, valuesFiles.isEmpty() ? -1 : generation, sourceRevision);
        ChartMetadata.writeVersion(chartDir, metadata.version(), revision);
        ArtifactInfo stored = store(chart, metadata.name(), revision, chartDir);
        return new Packaged(stored, metadata.name(), sourceRevision, valuesFiles,
                "pulled '" + metadata.name() + "' chart with version '" + revision + "'");
    }

    /**
     * From a HelmRepository of {@code type: oci}: the version from the chart repository's tags (or as given), the same
     * version stored at this generation is not pulled again (as source-controller's remote builder), else the chart is
     * pulled by the digest its tag resolved to.
     */
    private Packaged pullFromOci(HelmChart chart, HelmRepository repo, HelmChartStatus status, long generation, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        HelmChartSpec spec = chart.getSpec();
        var registry = OciCharts.registry(client, repo, spec.chart);
        String where = "chart '" + spec.chart + "' of HelmRepository '" + spec.sourceRef.name + "'";
        Optional<String> selected;
        try {
            selected = OciCharts.select(spec.version, registry::tags);
        } catch (IllegalArgumentException invalid) {
            throw new FetchFailure(Reasons.INVALID_CHART_REFERENCE, "spec.version: " + invalid.getMessage(), true);
        } catch (FetchFailure failure) {
            throw OciCharts.asChartFailure(failure, where);
        }
        String version = selected.orElseThrow(() -> new FetchFailure(Reasons.CHART_PULL_ERROR, "no '" + spec.chart
                + "' chart with version matching '" + (spec.version == null ? "*" : spec.version) + "' in the tags of HelmRepository '"
                + spec.sourceRef.name + "'", false));
        String what = "chart '" + spec.chart + "' " + version;
        String digest = null;
        if (spec.verify != null) {
            try {
                digest = OciCharts.resolve(registry, version);
            } catch (FetchFailure failure) {
                throw OciCharts.asChartFailure(failure, what);
            }
            verify(chart, status, generation, registry, OciCharts.chartUrl(repo, spec.chart), digest, version, workspace);
        } else {
            status.conditions = io.tributary.api.meta.Conditions.remove(status.conditions, ConditionTypes.SOURCE_VERIFIED);
        }
        String expected = revision(version, spec, spec.valuesFiles == null || spec.valuesFiles.isEmpty() ? -1 : generation, null);
        if (status.artifact != null && expected.equals(status.artifact.revision) && spec.chart.equals(status.observedChartName)
                && Objects.equals(status.observedGeneration, generation) && artifacts.exists(status.artifact.url)) {
            return new Packaged(null, spec.chart, null, status.observedValuesFiles == null ? List.of() : status.observedValuesFiles,
                    "pulled '" + spec.chart + "' chart with version '" + expected + "'");
        }
        OciCharts.Pulled pulled;
        try {
            pulled = digest == null ? OciCharts.pull(registry, version, workspace.dir().resolve("chart.tgz"), maxChartBytes)
                    : OciCharts.pull(registry, version, digest, workspace.dir().resolve("chart.tgz"), maxChartBytes);
        } catch (FetchFailure failure) {
            throw OciCharts.asChartFailure(failure, what);
        }
        return packagePulled(chart, generation, pulled.file(), version, null, what, workspace);
    }

    /**
     * {@code spec.verify} of a chart from an OCI HelmRepository, at every reconcile as source-controller does: cosign
     * signatures of the chart's manifest digest checked with the public keys of {@code spec.verify.secretRef}; the
     * result is the SourceVerified condition, and a chart that fails is not pulled.
     */
    private void verify(HelmChart chart, HelmChartStatus status, long generation, io.tributary.fetcher.source.oci.RegistryClient registry,
            io.tributary.fetcher.source.oci.OciUrl url, String digest, String version, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        var verify = chart.getSpec().verify;
        String namespace = chart.getMetadata().getNamespace();
        String provider = verify.provider == io.tributary.api.source.OciVerification.Provider.NOTATION ? "notation"
                : verify.secretRef == null || verify.secretRef.name == null || verify.secretRef.name.isEmpty() ? "cosign keyless" : "cosign";
        try {
            if (!provider.equals("cosign")) {
                throw new OciVerificationFailure("spec.verify: " + (provider.equals("notation") ? "provider 'notation'"
                        : "keyless verification (no spec.verify.secretRef)") + " is not supported yet; use 'cosign' with public keys"
                        + " in spec.verify.secretRef", io.tributary.operator.FailureKind.STALLING);
            }
            var keys = io.tributary.fetcher.source.oci.CosignKeys.ofSecret(namespace, verify.secretRef.name,
                    client.secrets().inNamespace(namespace).withName(verify.secretRef.name).get());
            io.tributary.fetcher.source.oci.CosignSignatures.verify(registry, url, digest, keys, workspace.dir());
        } catch (OciVerificationFailure failure) {
            String message = "chart verification error: failed to verify " + url + ":" + version.replace('+', '_')
                    + ": failed to verify the signature using provider '" + provider + "': " + failure.getMessage();
            status.conditions = io.tributary.api.meta.Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, false,
                    OciVerificationFailure.REASON, Sanitizer.sanitize(message), generation);
            throw new OciVerificationFailure(message, failure.kind());
        }
        status.conditions = io.tributary.api.meta.Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, true,
                Reasons.SUCCEEDED, "verified signature of version " + version, generation);
    }

    /** Downloads the GitRepository or Bucket artifact, takes {@code spec.chart}, builds dependencies, merges values, stores it. */
    private Packaged packageFromSource(HelmChart chart, long generation, Workspace workspace, FetchRequested request)
            throws FetchFailure, IOException, InterruptedException {
        String namespace = chart.getMetadata().getNamespace();
        HelmChartSpec spec = chart.getSpec();
        String directory = ChartTree.chartDirectory(spec.chart);
        String kind = spec.sourceRef.kind.name();
        io.tributary.api.source.SourceStatus sourceStatus = spec.sourceRef.kind == SourceReference.Kind.Bucket
                ? java.util.Optional.ofNullable(client.resources(io.tributary.api.source.Bucket.class).inNamespace(namespace)
                        .withName(spec.sourceRef.name).get()).map(b -> (io.tributary.api.source.SourceStatus) b.getStatus()).orElse(null)
                : java.util.Optional.ofNullable(client.resources(GitRepository.class).inNamespace(namespace)
                        .withName(spec.sourceRef.name).get()).map(g -> (io.tributary.api.source.SourceStatus) g.getStatus()).orElse(null);
        Artifact sourceArtifact = SourceArtifacts.newest(sourceStatus == null ? null : sourceStatus.artifact,
                SourceArtifacts.announced(request, kind, namespace, spec.sourceRef.name));
        if (sourceArtifact == null) {
            throw FetchFailure.waiting(Reasons.SOURCE_NOT_READY, "source " + kind + " '" + spec.sourceRef.name + "' has no artifact yet");
        }
        Path tarball = workspace.dir().resolve("source.tar.gz");
        artifacts.download(sourceArtifact.url, sourceArtifact.digest, tarball);
        Path sourceDir = workspace.dir().resolve("source");
        if (!ChartTree.extract(tarball, "", sourceDir)) {
            throw new FetchFailure(Reasons.INVALID_PATH, kind + " '" + spec.sourceRef.name + "' artifact is empty", false);
        }
        Path chartDir = sourceDir.resolve(directory).normalize();
        if (!chartDir.startsWith(sourceDir) || !Files.isDirectory(chartDir)) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.chart: path '" + spec.chart + "' not found in " + kind + " '"
                    + spec.sourceRef.name + "' at revision '" + sourceArtifact.revision + "'", true);
        }
        ChartMetadata metadata = ChartMetadata.read(chartDir, spec.chart);
        new ChartDependencies(client, namespace, limits(), maxChartBytes, catalog)
                .build(sourceDir, chartDir, workspace.dir().resolve("dependencies"));
        List<String> valuesFiles = spec.valuesFiles == null || spec.valuesFiles.isEmpty() ? List.of()
                : ValuesFiles.apply(sourceDir, spec.valuesFiles, Boolean.TRUE.equals(spec.ignoreMissingValuesFiles), chartDir);
        String revision = revision(metadata.version(), spec, valuesFiles.isEmpty() ? -1 : generation, sourceArtifact.revision);
        checkFileSizes(chartDir);
        ChartMetadata.writeVersion(chartDir, metadata.version(), revision);
        ArtifactInfo stored = store(chart, metadata.name(), revision, chartDir);
        return new Packaged(stored, metadata.name(), sourceArtifact.revision, valuesFiles,
                "packaged '" + metadata.name() + "' chart with version '" + revision + "'");
    }

    private ArtifactInfo store(HelmChart chart, String name, String revision, Path chartDir) throws IOException, InterruptedException {
        HelmIgnore ignore = HelmIgnore.read(chartDir);
        return artifacts.upload(HelmChart.KIND, chart.getMetadata().getNamespace(), chart.getMetadata().getName(),
                name + "-" + revision + ".tgz", revision, LATEST, out -> TreeTar.write(chartDir, name + "/", ignore::excluded, TreeTar.Walk.SKIP_EXCLUDED_DIRECTORIES, out));
    }

    private void checkFileSizes(Path chartDir) throws IOException, FetchFailure {
        try (var walk = Files.walk(chartDir)) {
            for (Path file : walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (Files.size(file) > maxChartFileBytes) {
                    throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "chart file '" + chartDir.relativize(file) + "' is "
                            + Files.size(file) + " bytes, over the limit of " + maxChartFileBytes, false);
                }
            }
        }
    }

    private ChartArchive.Limits limits() {
        return new ChartArchive.Limits(maxChartFileBytes, maxChartUnpackedBytes, 10_000);
    }

    /**
     * {@code 6.0.3}; {@code 6.0.3+<12 hex of the source revision>} with the Revision strategy; {@code +<generation>} (or
     * {@code .<generation>} after the hex) when values files were merged, as Flux writes them.
     */
    static String revision(String version, HelmChartSpec spec, long valuesGeneration, String sourceRevision) {
        String metadata = "";
        if (spec.reconcileStrategy == ReconcileStrategy.Revision && sourceRevision != null) {
            String hex = sourceRevision.substring(sourceRevision.lastIndexOf(':') + 1);
            metadata = hex.substring(0, Math.min(12, hex.length()));
        }
        if (valuesGeneration >= 0) {
            metadata = metadata.isEmpty() ? Long.toString(valuesGeneration) : metadata + "." + valuesGeneration;
        }
        return metadata.isEmpty() ? version : version + "+" + metadata;
    }
}
