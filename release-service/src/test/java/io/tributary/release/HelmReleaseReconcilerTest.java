package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartSpec;
import io.tributary.api.source.HelmChartStatus;
import io.tributary.api.source.SourceReference;
import io.tributary.testsupport.KafkaTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HelmRelease operator against a real control plane and real Kafka, with chart packages served over HTTP
 * on loopback by a plain file server standing in for artifact-service's download endpoint.
 */
@QuarkusTest
@QuarkusTestResource(ReleaseControlPlane.class)
@QuarkusTestResource(KafkaTestResource.class)
class HelmReleaseReconcilerTest {

    private static final String NS = "apps";
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

    /** The demo chart from test-support as a chart package, with {@code color} as its default. */
    private static byte[] chartPackage(String color) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (String file : List.of("Chart.yaml", "values.yaml", "templates/configmap.yaml")) {
                byte[] data;
                try (InputStream in = HelmReleaseReconcilerTest.class.getClassLoader().getResourceAsStream("demo-chart/" + file)) {
                    data = in.readAllBytes();
                }
                if (file.equals("values.yaml")) {
                    data = new String(data).replace("color: blue", "color: " + color).getBytes();
                }
                TarArchiveEntry entry = new TarArchiveEntry("demo/" + file);
                entry.setModTime(0); // the same bytes on every call, so the digest of one call matches another's package
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String digest(byte[] data) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Creates a ready HelmChart whose artifact is served at {@code /<name>.tgz} and claims {@code advertisedDigest}. */
    private void readyChart(String name, byte[] data, String advertisedDigest) {
        String path = "/" + name + ".tgz";
        FILES.put(path, data);
        HelmChart chart = new HelmChart();
        chart.getMetadata().setName(name);
        chart.getMetadata().setNamespace(NS);
        chart.setSpec(new HelmChartSpec());
        chart.getSpec().chart = "demo";
        chart.getSpec().interval = "1m";
        chart.getSpec().sourceRef = new SourceReference();
        chart.getSpec().sourceRef.kind = SourceReference.Kind.HelmRepository;
        chart.getSpec().sourceRef.name = "repo";
        HelmChart created = client.resources(HelmChart.class).inNamespace(NS).resource(chart).createOr(op -> op.update());
        HelmChartStatus status = new HelmChartStatus();
        status.observedGeneration = created.getMetadata().getGeneration();
        status.artifact = new Artifact();
        status.artifact.path = "helmchart/" + NS + "/" + name + "/demo-0.1.0.tgz";
        status.artifact.url = "http://127.0.0.1:" + files.getAddress().getPort() + path;
        status.artifact.revision = "0.1.0";
        status.artifact.digest = advertisedDigest;
        status.artifact.size = (long) data.length;
        status.artifact.lastUpdateTime = "2026-01-01T00:00:00Z";
        status.conditions = Conditions.set(null, "Ready", true, "Succeeded", "packaged", created.getMetadata().getGeneration());
        created.setStatus(status);
        client.resources(HelmChart.class).inNamespace(NS).resource(created).updateStatus();
    }

    private HelmRelease release(String name, String chartRef, Map<String, Object> values) {
        return release(name, chartRef, values, spec -> { });
    }

    private HelmRelease release(String name, String chartRef, Map<String, Object> values,
            java.util.function.Consumer<HelmReleaseSpec> customise) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace(NS);
        release.setSpec(new HelmReleaseSpec());
        release.getSpec().interval = "5m";
        release.getSpec().values = values;
        release.getSpec().chartRef = new HelmReleaseSpec.CrossNamespaceSourceReference();
        release.getSpec().chartRef.kind = "HelmChart";
        release.getSpec().chartRef.name = chartRef;
        customise.accept(release.getSpec());
        return client.resources(HelmRelease.class).inNamespace(NS).resource(release).createOr(op -> op.update());
    }

    private HelmRelease awaitRelease(String name, Predicate<HelmRelease> condition) {
        try {
            return client.resources(HelmRelease.class).inNamespace(NS).withName(name).waitUntilCondition(
                    r -> r != null && r.getStatus() != null && condition.test(r), 60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (io.fabric8.kubernetes.client.KubernetesClientTimeoutException e) {
            HelmRelease current = client.resources(HelmRelease.class).inNamespace(NS).withName(name).get();
            throw new AssertionError("HelmRelease " + name + " never matched; last status: "
                    + (current == null ? null : client.getKubernetesSerialization().asJson(current.getStatus())));
        }
    }

    /** A merge patch carries no resourceVersion, so it cannot conflict with the operator's own writes. */
    private void mergePatch(String name, String patch) {
        client.resources(HelmRelease.class).inNamespace(NS).withName(name)
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch);
    }

    private static Condition ready(HelmRelease release) {
        return Conditions.find(release.getStatus().conditions, "Ready").orElse(null);
    }

    @Test
    void installsThenUpgradesWhenTheValuesChange() throws Exception {
        readyChart("shop-chart", chartPackage("blue"), digest(chartPackage("blue")));
        release("shop", "shop-chart", Map.of("message", "one"));
        HelmRelease installed = awaitRelease("shop", r -> r.getStatus().history != null && !r.getStatus().history.isEmpty());
        assertThat(ready(installed).getReason()).isEqualTo("InstallSucceeded");
        assertThat(Conditions.isTrue(installed.getStatus().conditions, "Released")).isTrue();
        assertThat(installed.getStatus().lastAttemptedRevision).isEqualTo("0.1.0");
        // as helm-controller: status.helmChart names only a HelmChart made from spec.chart; a HelmChart's revision has no digest
        assertThat(installed.getStatus().helmChart).isNull();
        assertThat(installed.getStatus().lastAttemptedRevisionDigest).isNull();
        assertThat(installed.getStatus().history.get(0).ociDigest).isNull();
        ConfigMap config = client.configMaps().inNamespace(NS).withName("shop-settings").get();
        assertThat(config.getData()).containsEntry("message", "one").containsEntry("color", "blue");
        assertThat(config.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "shop");
        assertThat(client.secrets().inNamespace(NS).withName("sh.helm.release.v1.shop.v1").get().getType()).isEqualTo("helm.sh/release.v1");
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).anySatisfy(event -> {
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("HelmRelease");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("shop");
            assertThat(event.getReason()).isEqualTo("InstallSucceeded");
            assertThat(event.getSource().getComponent()).isEqualTo("helm-controller");
        });

        mergePatch("shop", "{\"spec\":{\"values\":{\"message\":\"two\"}}}");
        HelmRelease upgraded = awaitRelease("shop", r -> r.getStatus().history != null && r.getStatus().history.get(0).version == 2L);
        assertThat(ready(upgraded).getReason()).isEqualTo("UpgradeSucceeded");
        assertThat(upgraded.getStatus().lastAttemptedConfigDigest).isNotEqualTo(installed.getStatus().lastAttemptedConfigDigest);
        assertThat(client.configMaps().inNamespace(NS).withName("shop-settings").get().getData()).containsEntry("message", "two");
        assertThat(upgraded.getStatus().history).extracting(h -> h.version + ":" + h.status + ":" + h.action)
                .containsExactly("2:deployed:upgrade", "1:superseded:install");
        assertThat(upgraded.getMetadata().getFinalizers()).contains("finalizers.fluxcd.io");

        client.resources(HelmRelease.class).inNamespace(NS).withName("shop").delete();
        client.resources(HelmRelease.class).inNamespace(NS).withName("shop").waitUntilCondition(r -> r == null, 60,
                java.util.concurrent.TimeUnit.SECONDS);
        assertThat(client.resources(HelmRelease.class).inNamespace(NS).withName("shop").get()).isNull();
        assertThat(client.configMaps().inNamespace(NS).withName("shop-settings").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withLabel("owner", "helm").withLabel("name", "shop").list().getItems()).isEmpty();
    }

    private static String reason(HelmRelease r) {
        Condition ready = ready(r);
        return ready == null ? "" : ready.getStatus() + "/" + ready.getReason();
    }

    private static java.util.function.Consumer<HelmReleaseSpec> dependsOn(String readyExpr, String... dependencies) {
        return spec -> {
            spec.dependsOn = new java.util.ArrayList<>();
            for (String d : dependencies) {
                HelmReleaseSpec.DependencyReference ref = new HelmReleaseSpec.DependencyReference();
                ref.name = d;
                ref.readyExpr = readyExpr;
                spec.dependsOn.add(ref);
            }
        };
    }

    @Test
    void aReleaseWaitsForItsDependenciesAndIsWokenWhenTheyAreReady() throws Exception {
        readyChart("deps-chart", chartPackage("green"), digest(chartPackage("green")));
        release("backend", "deps-chart", Map.of("message", "backend"), dependsOn(null, "db"));
        HelmRelease waiting = awaitRelease("backend", r -> "False/DependencyNotReady".equals(reason(r)));
        assertThat(ready(waiting).getMessage())
                .isEqualTo("unable to get 'apps/db' dependency: helmreleases.helm.toolkit.fluxcd.io \"db\" not found");
        assertThat(Conditions.find(waiting.getStatus().conditions, "Stalled")).isEmpty();
        assertThat(client.secrets().inNamespace(NS).withLabel("name", "backend").list().getItems()).isEmpty();

        release("db", "deps-chart", Map.of("message", "db"));
        awaitRelease("db", r -> "True/InstallSucceeded".equals(reason(r)));
        HelmRelease released = awaitRelease("backend", r -> "True/InstallSucceeded".equals(reason(r)));
        assertThat(client.configMaps().inNamespace(NS).withName("backend-settings").get().getData()).containsEntry("message", "backend");
        assertThat(released.getStatus().history).hasSize(1);
    }

    @Test
    void aDependencyCycleIsNamedAndABadReadyExprStalls() throws Exception {
        readyChart("cycle-chart", chartPackage("green"), digest(chartPackage("green")));
        release("ring-a", "cycle-chart", Map.of(), dependsOn(null, "ring-b"));
        release("ring-b", "cycle-chart", Map.of(), dependsOn(null, "ring-a"));
        HelmRelease a = awaitRelease("ring-a", r -> "False/DependencyNotReady".equals(reason(r)) && ready(r).getMessage().contains("cycle"));
        assertThat(ready(a).getMessage()).isEqualTo("dependency cycle: apps/ring-a -> apps/ring-b -> apps/ring-a");

        // a readyExpr replaces the built-in check: ring-b is not Ready, but carries what the expression asks for
        release("gated", "cycle-chart", Map.of("message", "gated"),
                dependsOn("dep.metadata.name == 'ring-b' && self.metadata.name == 'gated'", "ring-b"));
        awaitRelease("gated", r -> "True/InstallSucceeded".equals(reason(r)));

        release("bad-expr", "cycle-chart", Map.of(), dependsOn("dep.status.conditions.exists(c, c.type == ", "gated"));
        HelmRelease stalled = awaitRelease("bad-expr", r -> Conditions.find(r.getStatus().conditions, "Stalled").isPresent());
        assertThat(reason(stalled)).isEqualTo("False/InvalidCELExpression");
        assertThat(ready(stalled).getMessage()).startsWith("Reconciliation failed terminally due to configuration error: "
                + "spec.dependsOn[0].readyExpr: failed to evaluate dependency gated: failed to parse the CEL expression");
    }

    @Test
    void aWatchedValuesConfigMapThatChangesUpgradesTheRelease() throws Exception {
        readyChart("watched-chart", chartPackage("green"), digest(chartPackage("green")));
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                .withName("watched-values").addToLabels("reconcile.fluxcd.io/watch", "Enabled").endMetadata()
                .addToData("message", "first").build()).serverSideApply();
        release("watched", "watched-chart", Map.of(), spec -> {
            HelmReleaseSpec.ValuesReference ref = new HelmReleaseSpec.ValuesReference();
            ref.kind = "ConfigMap";
            ref.name = "watched-values";
            ref.valuesKey = "message";
            ref.targetPath = "message";
            spec.valuesFrom = List.of(ref);
        });
        awaitRelease("watched", r -> "True/InstallSucceeded".equals(reason(r)));
        assertThat(client.configMaps().inNamespace(NS).withName("watched-settings").get().getData()).containsEntry("message", "first");

        client.configMaps().inNamespace(NS).withName("watched-values").edit(cm -> {
            cm.getData().put("message", "second");
            return cm;
        });
        HelmRelease upgraded = awaitRelease("watched", r -> r.getStatus().history != null && r.getStatus().history.get(0).version == 2L
                && "True/UpgradeSucceeded".equals(reason(r)));
        assertThat(client.configMaps().inNamespace(NS).withName("watched-settings").get().getData()).containsEntry("message", "second");
        assertThat(upgraded.getStatus().history.get(0).status).isEqualTo("deployed");
    }

    @Test
    void aChartWhoseDigestDoesNotMatchIsNeverLoaded() throws Exception {
        // the claimed digest is one no other test serves, so no chart cached under it can stand in for the download
        readyChart("tampered-chart", chartPackage("red"), digest(chartPackage("purple")));
        release("tampered", "tampered-chart", Map.of());
        HelmRelease failed = awaitRelease("tampered", r -> ready(r) != null && "ArtifactFailed".equals(ready(r).getReason()));
        assertThat(ready(failed).getStatus()).isEqualTo("False");
        assertThat(ready(failed).getMessage()).contains("digest mismatch");
        // a chart that cannot be fetched is retried, never a failed release
        assertThat(failed.getStatus().failures).isNull();
        assertThat(failed.getStatus().history).isNull();
        assertThat(client.secrets().inNamespace(NS).withLabel("name", "tampered").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(NS).withName("tampered-settings").get()).isNull();
    }

    @Test
    void aMissingChartWaitsAndAnInvalidSpecIsRefusedByTheServer() {
        release("waiting", "no-such-chart", Map.of());
        HelmRelease waiting = awaitRelease("waiting", r -> ready(r) != null);
        assertThat(ready(waiting).getReason()).isEqualTo("ArtifactFailed");
        assertThat(ready(waiting).getMessage())
                .isEqualTo("could not get Source object: helmcharts.source.toolkit.fluxcd.io \"no-such-chart\" not found");
        assertThat(Conditions.find(waiting.getStatus().conditions, "Stalled")).isEmpty();

        // both chart and chartRef: the CRD's rule refuses it at the API server, naming the field; nothing stored changes
        HelmRelease invalid = release("invalid", "some-chart", Map.of());
        assertThatThrownBy(() -> mergePatch("invalid",
                "{\"spec\":{\"chart\":{\"spec\":{\"chart\":\"x\",\"sourceRef\":{\"kind\":\"HelmRepository\",\"name\":\"r\"}}}}}"))
                .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec: Invalid value").contains("either chart or chartRef must be set");
                });
        HelmRelease unchanged = client.resources(HelmRelease.class).inNamespace(NS).withName("invalid").get();
        assertThat(unchanged.getSpec().chart).isNull();
        assertThat(unchanged.getMetadata().getGeneration()).isEqualTo(invalid.getMetadata().getGeneration());
    }
}
