package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.ExternalArtifact;
import io.tributary.api.source.ExternalArtifactSpec;
import io.tributary.api.source.ExternalArtifactStatus;
import io.tributary.api.source.OCIRepository;
import io.tributary.api.source.OCIRepositoryLayerSelector;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.testsupport.KafkaTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HelmReleases whose {@code spec.chartRef} names an OCIRepository or an ExternalArtifact, against a real control plane
 * and Kafka. The sources' status is written as fetcher-service writes an OCIRepository's (a {@code copy} layer stored
 * as {@code <manifest hex>.tgz}, revision {@code <tag>@sha256:<manifest digest>}) and as an outside producer writes an
 * ExternalArtifact's; the artifacts are served over HTTP on loopback, standing in for artifact-service, and reach the
 * release through the same download and digest check as a HelmChart's.
 */
@QuarkusTest
@QuarkusTestResource(ReleaseControlPlane.class)
@QuarkusTestResource(KafkaTestResource.class)
class ChartRefSourcesTest {

    private static final String NS = "chartrefs";
    private static final String HELM_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    private static HttpServer files;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void serveFiles() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            byte[] body = FILES.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    static void stopFiles() {
        files.stop(0);
    }

    @BeforeEach
    void namespace() {
        if (client.namespaces().withName(NS).get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(NS)
                    .endMetadata().build()).create();
        }
    }

    /** The demo chart of test-support packaged as {@code helm package} would, {@code color} its default. */
    private static byte[] chartPackage(String color) throws Exception {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (String file : List.of("Chart.yaml", "values.yaml", "templates/configmap.yaml")) {
            try (InputStream in = ChartRefSourcesTest.class.getClassLoader().getResourceAsStream("demo-chart/" + file)) {
                byte[] data = in.readAllBytes();
                if (file.equals("values.yaml")) {
                    data = new String(data, StandardCharsets.UTF_8).replace("color: blue", "color: " + color).getBytes(StandardCharsets.UTF_8);
                }
                entries.put("demo/" + file, data);
            }
        }
        return tarGz(entries);
    }

    private static byte[] tarGz(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setModTime(0);
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** The artifact of {@code data} as artifact-service serves it for {@code kind/NS/name}, stored as {@code file}. */
    private static Artifact served(String kind, String name, String file, String revision, byte[] data) throws Exception {
        String path = kind.toLowerCase(java.util.Locale.ROOT) + "/" + NS + "/" + name + "/" + file;
        FILES.put("/" + path, data);
        Artifact artifact = new Artifact();
        artifact.path = path;
        artifact.url = "http://127.0.0.1:" + files.getAddress().getPort() + "/" + path;
        artifact.revision = revision;
        artifact.digest = sha256(data);
        artifact.size = (long) data.length;
        artifact.lastUpdateTime = "2026-01-01T00:00:00Z";
        return artifact;
    }

    private OCIRepository ociRepository(String name) {
        OCIRepository repository = new OCIRepository();
        repository.getMetadata().setName(name);
        repository.getMetadata().setNamespace(NS);
        repository.setSpec(new OCIRepositorySpec());
        repository.getSpec().url = "oci://registry.example/charts/demo";
        repository.getSpec().interval = "1m";
        repository.getSpec().layerSelector = new OCIRepositoryLayerSelector();
        repository.getSpec().layerSelector.mediaType = HELM_LAYER;
        repository.getSpec().layerSelector.operation = OCIRepositoryLayerSelector.Operation.COPY;
        return client.resources(OCIRepository.class).inNamespace(NS).resource(repository).createOr(op -> op.update());
    }

    /** Writes the status fetcher-service writes once it stored the layer of manifest {@code manifestDigest} under {@code tag}. */
    private void ociArtifact(String name, String tag, String manifestDigest, byte[] layer) throws Exception {
        OCIRepository current = client.resources(OCIRepository.class).inNamespace(NS).withName(name).get();
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        status.observedGeneration = current.getMetadata().getGeneration();
        status.artifact = served(OCIRepository.KIND, name, manifestDigest.substring("sha256:".length()) + ".tgz",
                tag + "@" + manifestDigest, layer);
        status.url = status.artifact.url;
        status.observedLayerSelector = current.getSpec().layerSelector;
        status.conditions = Conditions.set(null, "Ready", true, "Succeeded", "stored artifact for digest '" + tag + "@" + manifestDigest + "'",
                current.getMetadata().getGeneration());
        current.setStatus(status);
        client.resources(OCIRepository.class).inNamespace(NS).resource(current).updateStatus();
    }

    private ExternalArtifact externalArtifact(String name) {
        ExternalArtifact external = new ExternalArtifact();
        external.getMetadata().setName(name);
        external.getMetadata().setNamespace(NS);
        external.setSpec(new ExternalArtifactSpec());
        external.getSpec().sourceRef = new ExternalArtifactSpec.SourceRef();
        external.getSpec().sourceRef.apiVersion = "example.io/v1";
        external.getSpec().sourceRef.kind = "ChartBuilder";
        external.getSpec().sourceRef.name = name;
        return client.resources(ExternalArtifact.class).inNamespace(NS).resource(external).createOr(op -> op.update());
    }

    private HelmRelease release(String name, String kind, String source) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace(NS);
        release.setSpec(new HelmReleaseSpec());
        release.getSpec().interval = "5m";
        release.getSpec().values = Map.of("message", name);
        release.getSpec().chartRef = new HelmReleaseSpec.CrossNamespaceSourceReference();
        release.getSpec().chartRef.kind = kind;
        release.getSpec().chartRef.name = source;
        return client.resources(HelmRelease.class).inNamespace(NS).resource(release).createOr(op -> op.update());
    }

    private HelmRelease awaitRelease(String name, Predicate<HelmRelease> condition) {
        try {
            return client.resources(HelmRelease.class).inNamespace(NS).withName(name).waitUntilCondition(
                    r -> r != null && r.getStatus() != null && condition.test(r), 60, TimeUnit.SECONDS);
        } catch (io.fabric8.kubernetes.client.KubernetesClientTimeoutException e) {
            HelmRelease current = client.resources(HelmRelease.class).inNamespace(NS).withName(name).get();
            throw new AssertionError("HelmRelease " + name + " never matched; last status: "
                    + (current == null ? null : client.getKubernetesSerialization().asJson(current.getStatus())));
        }
    }

    private static Condition ready(HelmRelease release) {
        return Conditions.find(release.getStatus().conditions, "Ready").orElse(null);
    }

    private static String reason(HelmRelease release) {
        Condition ready = ready(release);
        return ready == null ? "" : ready.getStatus() + "/" + ready.getReason();
    }

    private ConfigMap settings(String release) {
        return client.configMaps().inNamespace(NS).withName(release + "-settings").get();
    }

    @Test
    void anOciChartInstallsWithItsDigestInTheVersionAndANewDigestUpgradesIt() throws Exception {
        String first = sha256("manifest one".getBytes(StandardCharsets.UTF_8));
        String second = sha256("manifest two".getBytes(StandardCharsets.UTF_8));
        ociRepository("podinfo-oci");
        ociArtifact("podinfo-oci", "0.1.0", first, chartPackage("blue"));
        release("oci", "OCIRepository", "podinfo-oci");

        HelmRelease installed = awaitRelease("oci", r -> "True/InstallSucceeded".equals(reason(r)));
        String version = "0.1.0+" + first.substring(7, 19);
        assertThat(installed.getStatus().lastAttemptedRevision).isEqualTo(version);
        assertThat(installed.getStatus().lastAttemptedRevisionDigest).isEqualTo(first);
        assertThat(installed.getStatus().helmChart).isNull();
        assertThat(installed.getStatus().history).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.chartName).isEqualTo("demo");
            assertThat(snapshot.chartVersion).isEqualTo(version);
            assertThat(snapshot.ociDigest).isEqualTo(first);
            assertThat(snapshot.action).isEqualTo("install");
        });
        // the chart rendered under the version released, as Helm stores it
        assertThat(settings("oci").getData()).containsEntry("chartVersion", version).containsEntry("color", "blue");
        assertThat(settings("oci").getMetadata().getLabels()).containsEntry("helm.sh/chart", "demo-0.1.0_" + first.substring(7, 19));

        // the same tag pushed again with other content: the OCIRepository's watch upgrades the release
        ociArtifact("podinfo-oci", "0.1.0", second, chartPackage("green"));
        HelmRelease upgraded = awaitRelease("oci", r -> r.getStatus().history != null && r.getStatus().history.get(0).version == 2L
                && "True/UpgradeSucceeded".equals(reason(r)));
        String newVersion = "0.1.0+" + second.substring(7, 19);
        assertThat(upgraded.getStatus().lastAttemptedRevision).isEqualTo(newVersion);
        assertThat(upgraded.getStatus().lastAttemptedRevisionDigest).isEqualTo(second);
        assertThat(upgraded.getStatus().history).extracting(h -> h.version + ":" + h.status + ":" + h.chartVersion + ":" + h.ociDigest)
                .containsExactly("2:deployed:" + newVersion + ":" + second, "1:superseded:" + version + ":" + first);
        assertThat(settings("oci").getData()).containsEntry("chartVersion", newVersion).containsEntry("color", "green");
    }

    @Test
    void anExternalArtifactChartInstalls() throws Exception {
        byte[] chart = chartPackage("orange");
        String digest = sha256(chart);
        externalArtifact("built-chart");
        ExternalArtifact current = client.resources(ExternalArtifact.class).inNamespace(NS).withName("built-chart").get();
        current.setStatus(new ExternalArtifactStatus());
        current.getStatus().artifact = served(ExternalArtifact.KIND, "built-chart", "demo-0.1.0.tgz", digest, chart);
        current.getStatus().conditions = Conditions.set(null, "Ready", true, "Succeeded", "built", null);
        client.resources(ExternalArtifact.class).inNamespace(NS).resource(current).updateStatus();
        release("external", "ExternalArtifact", "built-chart");

        HelmRelease installed = awaitRelease("external", r -> "True/InstallSucceeded".equals(reason(r)));
        assertThat(installed.getStatus().lastAttemptedRevision).isEqualTo("0.1.0+" + digest.substring(7, 19));
        assertThat(installed.getStatus().lastAttemptedRevisionDigest).isEqualTo(digest);
        assertThat(installed.getStatus().history.get(0).ociDigest).isEqualTo(digest);
        assertThat(settings("external").getData()).containsEntry("color", "orange");
    }

    @Test
    void aSourceWithoutAnArtifactIsWaitedForAndItsArtifactStartsTheRelease() throws Exception {
        ociRepository("later-oci");
        release("later", "OCIRepository", "later-oci");
        HelmRelease waiting = awaitRelease("later", r -> "False/SourceNotReady".equals(reason(r)));
        assertThat(ready(waiting).getMessage())
                .isEqualTo("OCIRepository '" + NS + "/later-oci' is not ready: latest generation of object has not been reconciled");
        assertThat(Conditions.find(waiting.getStatus().conditions, "Stalled")).isEmpty();
        assertThat(waiting.getStatus().history).isNull();

        externalArtifact("pending-chart");
        release("pending", "ExternalArtifact", "pending-chart");
        HelmRelease pending = awaitRelease("pending", r -> "False/SourceNotReady".equals(reason(r)));
        assertThat(ready(pending).getMessage()).isEqualTo("ExternalArtifact '" + NS + "/pending-chart' is not ready: does not have an artifact");
        assertThat(Conditions.find(pending.getStatus().conditions, "Stalled")).isEmpty();

        // well within the 30s a waiting release is requeued after: the watch brings it back
        ociArtifact("later-oci", "0.1.0", sha256("later".getBytes(StandardCharsets.UTF_8)), chartPackage("blue"));
        awaitRelease("later", r -> "True/InstallSucceeded".equals(reason(r)));
        assertThat(settings("later").getData()).containsEntry("message", "later");
    }

    @Test
    void anArtifactThatIsNotAChartFailsNamingWhatIsMissing() throws Exception {
        ociRepository("manifests-oci");
        byte[] manifests = tarGz(Map.of("deploy/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\n".getBytes(StandardCharsets.UTF_8)));
        ociArtifact("manifests-oci", "1.0.0", sha256("manifests".getBytes(StandardCharsets.UTF_8)), manifests);
        release("not-a-chart", "OCIRepository", "manifests-oci");

        HelmRelease failed = awaitRelease("not-a-chart", r -> "False/ArtifactFailed".equals(reason(r)));
        assertThat(ready(failed).getMessage()).startsWith("failed to load chart: ").contains("Chart.yaml");
        assertThat(Conditions.find(failed.getStatus().conditions, "Stalled")).isEmpty();
        assertThat(failed.getStatus().failures).isNull();
        assertThat(failed.getStatus().history).isNull();
        assertThat(settings("not-a-chart")).isNull();
    }

    @Test
    void anOciTagThatIsAnotherVersionThanTheChartsIsRefused() throws Exception {
        ociRepository("mismatch-oci");
        ociArtifact("mismatch-oci", "0.2.0", sha256("mismatch".getBytes(StandardCharsets.UTF_8)), chartPackage("blue"));
        release("mismatch", "OCIRepository", "mismatch-oci");

        HelmRelease refused = awaitRelease("mismatch", r -> "False/ChartMutateError".equals(reason(r)));
        assertThat(ready(refused).getMessage()).isEqualTo("artifact revision 0.2.0 does not match chart version 0.1.0");
        assertThat(refused.getStatus().history).isNull();
    }

    @Test
    void anUnsupportedChartRefKindIsRefusedNamingTheField() {
        assertThatThrownBy(() -> release("git-ref", "GitRepository", "repo"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec.chartRef.kind").contains("GitRepository");
                });
        assertThat(client.resources(HelmRelease.class).inNamespace(NS).withName("git-ref").get()).isNull();
    }
}
