package io.tributary.release.reconcile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.source.HelmChart;
import io.tributary.operator.VerifiedDownload;
import io.tributary.release.apply.ManifestApplier;
import io.tributary.release.apply.Manifests;
import io.tributary.release.chart.ChartPackage;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.ReleaseCodec;
import io.tributary.release.storage.ReleaseStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Performs a Helm install or upgrade: download and verify the chart, render, apply, record the revision. */
@ApplicationScoped
public class ReleaseRunner {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    ReleaseStorage storage;
    @Inject
    ManifestApplier applier;

    @ConfigProperty(name = "tributary.helm.max-chart-bytes", defaultValue = "10485760")
    long maxChartBytes;
    @ConfigProperty(name = "tributary.helm.max-chart-file-bytes", defaultValue = "5242880")
    long maxChartFileBytes;
    @ConfigProperty(name = "tributary.helm.max-chart-unpacked-bytes", defaultValue = "104857600")
    long maxChartUnpackedBytes;

    private final HelmEngine engine = new HelmEngine();
    private final VerifiedDownload downloads = new VerifiedDownload();

    /** Created at start-up, so that the JVM's signal handlers are captured before the Helm library is used. */
    void loadHelmAtStartup(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
        // the observer alone makes the container create this bean, and with it the engine
    }

    /** A failed action, with the Flux reason; the failed revision is recorded in storage. */
    public static class ReleaseFailure extends Exception {
        private final String reason;

        public ReleaseFailure(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public HelmReleaseStatus.Snapshot run(HelmRelease release, HelmChart chart, Map<String, Object> values, String configDigest,
            ReleaseDecision action) throws ReleaseFailure, InterruptedException {
        String name = ReleaseNames.release(release);
        String targetNamespace = ReleaseNames.targetNamespace(release);
        String storageNamespace = ReleaseNames.storageNamespace(release);
        boolean install = action == ReleaseDecision.INSTALL;
        String failedReason = install ? "InstallFailed" : "UpgradeFailed";
        Path work = null;
        try {
            work = Files.createTempDirectory("release-" + name);
            Optional<HelmReleaseRecord> previous = storage.latest(storageNamespace, name);
            int version = previous.map(p -> p.version() + 1).orElse(1);
            var artifact = chart.getStatus().artifact;
            Path tgz = work.resolve("chart.tgz");
            try {
                downloads.download(artifact.url, artifact.digest, tgz, maxChartBytes);
            } catch (VerifiedDownload.DownloadException e) {
                throw new ReleaseFailure("ArtifactFailed", e.getMessage());
            }
            Path chartDir = ChartPackage.unpack(tgz, work.resolve("chart"),
                    new io.tributary.operator.archive.SafeTar.Limits(maxChartFileBytes, maxChartUnpackedBytes, 10_000, 64));
            Path valuesFile = work.resolve("values.yaml");
            YAML.writeValue(valuesFile.toFile(), values);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String firstDeployed = previous.map(p -> p.info().firstDeployed()).orElse(now);
            HelmReleaseRecord.Chart chartRecord = chartRecord(chartDir);
            String manifest;
            try {
                manifest = deploy(chartDir, valuesFile, name, targetNamespace, storageNamespace, previous);
            } catch (HelmEngine.RenderException | IOException | RuntimeException e) {
                storage.save(new HelmReleaseRecord(name,
                        new HelmReleaseRecord.Info(firstDeployed, now, "", failedReason + ": " + e.getMessage(), "failed", null),
                        chartRecord, values, "", List.of(), version, storageNamespace));
                throw new ReleaseFailure(failedReason, (install ? "install" : "upgrade") + " failed: " + e.getMessage());
            }
            String description = install ? "Install complete" : "Upgrade complete";
            HelmReleaseRecord record = new HelmReleaseRecord(name,
                    new HelmReleaseRecord.Info(firstDeployed, now, "", description, "deployed", null),
                    chartRecord, values, manifest, List.of(), version, storageNamespace);
            storage.save(record);
            if (previous.isPresent() && "deployed".equals(previous.get().info().status())) {
                storage.save(previous.get().withStatus("superseded", previous.get().info().description()));
            }
            int maxHistory = release.getSpec().maxHistory == null ? 5 : release.getSpec().maxHistory;
            storage.prune(storageNamespace, name, maxHistory);
            return snapshot(record, configDigest, targetNamespace);
        } catch (IOException e) {
            throw new ReleaseFailure(failedReason, (install ? "install" : "upgrade") + " failed: " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /** Renders, applies every object, and deletes what the previous revision had but this one does not. */
    private String deploy(Path chartDir, Path valuesFile, String name, String targetNamespace, String storageNamespace,
            Optional<HelmReleaseRecord> previous) throws HelmEngine.RenderException, IOException {
        String manifest = engine.render(chartDir, name, targetNamespace, valuesFile);
        List<GenericKubernetesResource> objects = Manifests.parse(manifest);
        applier.apply(objects, targetNamespace, name, storageNamespace);
        if (previous.isPresent()) {
            applier.prune(Manifests.parse(previous.get().manifest()), objects, targetNamespace);
        }
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static HelmReleaseRecord.Chart chartRecord(Path chartDir) throws IOException {
        Map<String, Object> metadata = YAML.readValue(chartDir.resolve("Chart.yaml").toFile(), new TypeReference<Map<String, Object>>() { });
        Path valuesYaml = chartDir.resolve("values.yaml");
        Map<String, Object> defaults = Files.isRegularFile(valuesYaml)
                ? YAML.readValue(valuesYaml.toFile(), new TypeReference<Map<String, Object>>() { }) : Map.of();
        List<HelmReleaseRecord.File> templates = new ArrayList<>();
        Path templatesDir = chartDir.resolve("templates");
        if (Files.isDirectory(templatesDir)) {
            try (Stream<Path> files = Files.walk(templatesDir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                    templates.add(new HelmReleaseRecord.File(chartDir.relativize(file).toString().replace('\\', '/'),
                            Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
                }
            }
        }
        return new HelmReleaseRecord.Chart(metadata, templates, defaults == null ? Map.of() : defaults, List.of());
    }

    static HelmReleaseStatus.Snapshot snapshot(HelmReleaseRecord record, String configDigest, String targetNamespace) {
        HelmReleaseStatus.Snapshot snapshot = new HelmReleaseStatus.Snapshot();
        snapshot.name = record.name();
        snapshot.namespace = targetNamespace;
        snapshot.version = (long) record.version();
        snapshot.status = record.info().status();
        snapshot.chartName = String.valueOf(record.chart().metadata().get("name"));
        snapshot.chartVersion = String.valueOf(record.chart().metadata().get("version"));
        Object appVersion = record.chart().metadata().get("appVersion");
        snapshot.appVersion = appVersion == null ? null : String.valueOf(appVersion);
        snapshot.configDigest = configDigest;
        snapshot.firstDeployed = record.info().firstDeployed();
        snapshot.lastDeployed = record.info().lastDeployed();
        try {
            snapshot.digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ReleaseCodec.encode(record).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return snapshot;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
