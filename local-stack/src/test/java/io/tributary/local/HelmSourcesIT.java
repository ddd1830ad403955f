package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositoryRef;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartSpec;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositorySpec;
import io.tributary.api.source.SourceReference;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.TestPki;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HelmRepository and HelmChart end to end on the local stack, against an HTTPS chart repository on loopback that
 * demands basic authentication and a client certificate from its own CA.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmSourcesIT {

    private static final String NS = "helm-it";
    private static final TestPki PKI = TestPki.create("helm-it-ca");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;
    private static HelmRepoServer charts;
    private static HelmRepoServer cdn;
    private static final Map<String, byte[]> PACKAGES = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        stack.createNamespace(NS);
        charts = HelmRepoServer.start(Files.createTempDirectory("helm-it-repo"), PKI, true);
        charts.requireBasic("helm-user", "helm-pass");
        cdn = HelmRepoServer.start(Files.createTempDirectory("helm-it-cdn"));
        publish("1.0.0", "1.1.0");
        var client = stack.client();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("repo-auth").withNamespace(NS).endMetadata()
                .withStringData(Map.of("username", "helm-user", "password", "helm-pass")).build()).create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("repo-tls").withNamespace(NS).endMetadata()
                .withStringData(Map.of("ca.crt", PKI.caPem(), "tls.crt", PKI.clientCertPem(), "tls.key", PKI.clientKeyPem())).build()).create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("hook-token").withNamespace(NS).endMetadata()
                .withStringData(Map.of("token", "harbor-token-123")).build()).create();
    }

    @AfterAll
    static void stop() throws Exception {
        charts.close();
        cdn.close();
    }

    /** Publishes podinfo in these versions (and 'offsite' 0.1.0 hosted on another server, and a malicious 'evil'). */
    private static void publish(String... versions) throws Exception {
        StringBuilder index = new StringBuilder("apiVersion: v1\ngenerated: \"2026-11-24T00:00:00Z\"\nentries:\n  podinfo:\n");
        for (String version : versions) {
            byte[] chart = PACKAGES.computeIfAbsent(version, v -> HelmRepoServer.chart("podinfo", v, Map.of(
                    "values.yaml", "replicas: 1\n", "templates/cm.yaml", "kind: ConfigMap\n")));
            charts.put("podinfo-" + version + ".tgz", chart);
            index.append("    - name: podinfo\n      version: ").append(version).append("\n      appVersion: \"").append(version)
                    .append("\"\n      description: Podinfo\n      keywords: [demo]\n      digest: ").append(HelmRepoServer.digest(chart))
                    .append("\n      urls: [podinfo-").append(version).append(".tgz]\n");
        }
        byte[] offsite = HelmRepoServer.chart("offsite", "0.1.0", Map.of());
        cdn.put("pkg/offsite-0.1.0.tgz", offsite);
        index.append("  offsite:\n    - name: offsite\n      version: 0.1.0\n      urls: [").append(cdn.url()).append("/pkg/offsite-0.1.0.tgz]\n");
        byte[] evil = HelmRepoServer.tgz(Map.of("evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 0.1.0\n".getBytes(StandardCharsets.UTF_8),
                "evil/../../escaped.txt", "gotcha".getBytes(StandardCharsets.UTF_8)));
        charts.put("evil-0.1.0.tgz", evil);
        index.append("  evil:\n    - name: evil\n      version: 0.1.0\n      urls: [evil-0.1.0.tgz]\n");
        byte[] tampered = HelmRepoServer.chart("tampered", "0.1.0", Map.of("templates/x.yaml", "kind: Secret\n"));
        charts.put("tampered-0.1.0.tgz", tampered);
        index.append("  tampered:\n    - name: tampered\n      version: 0.1.0\n      digest: ")
                .append(HelmRepoServer.digest("the package that was indexed".getBytes(StandardCharsets.UTF_8)))
                .append("\n      urls: [tampered-0.1.0.tgz]\n");
        charts.put("index.yaml", index.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private HelmRepository repository(String name) {
        return stack.client().resources(HelmRepository.class).inNamespace(NS).withName(name).get();
    }

    private HelmChart chart(String name) {
        return stack.client().resources(HelmChart.class).inNamespace(NS).withName(name).get();
    }

    private static Optional<Condition> ready(io.tributary.api.source.SourceStatus status) {
        return status == null ? Optional.empty() : Conditions.find(status.conditions, "Ready");
    }

    private void createRepository(String name, Consumer<HelmRepositorySpec> customise) {
        HelmRepository repo = new HelmRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        HelmRepositorySpec spec = new HelmRepositorySpec();
        spec.url = charts.url();
        spec.interval = "1h";
        spec.secretRef = new LocalObjectReference("repo-auth");
        spec.certSecretRef = new LocalObjectReference("repo-tls");
        customise.accept(spec);
        repo.setSpec(spec);
        stack.client().resources(HelmRepository.class).inNamespace(NS).resource(repo).create();
    }

    private void createChart(String name, String chart, String version, SourceReference.Kind kind, String source,
            Consumer<HelmChartSpec> customise) {
        HelmChart object = new HelmChart();
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        HelmChartSpec spec = new HelmChartSpec();
        spec.chart = chart;
        spec.version = version;
        spec.interval = "1h";
        spec.sourceRef = new SourceReference();
        spec.sourceRef.kind = kind;
        spec.sourceRef.name = source;
        customise.accept(spec);
        object.setSpec(spec);
        stack.client().resources(HelmChart.class).inNamespace(NS).resource(object).create();
    }

    private void awaitChart(String name, String revision) {
        stack.await("HelmChart " + name + " at " + revision, Duration.ofSeconds(90), () -> {
            HelmChart c = chart(name);
            return c != null && c.getStatus() != null && c.getStatus().artifact != null && revision.equals(c.getStatus().artifact.revision)
                    && ready(c.getStatus()).map(r -> "True".equals(r.getStatus())).orElse(false);
        });
    }

    private void requestReconcile(String name, String token) {
        stack.edit(HelmRepository.class, NS, name, r -> {
            r.getMetadata().getAnnotations().put(Annotations.REQUESTED_AT, token);
            return r;
        });
        stack.await(name + " to handle " + token, Duration.ofSeconds(60), () -> token.equals(repository(name).getStatus().lastHandledReconcileAt));
    }

    /** A Receiver of {@code type} for HelmRepository 'charts' with the shared token; returns its webhook path. */
    private String receiverFor(String name, ReceiverSpec.Type type) {
        Receiver receiver = new Receiver();
        receiver.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        receiver.setSpec(new ReceiverSpec());
        receiver.getSpec().type = type;
        receiver.getSpec().secretRef = new LocalObjectReference("hook-token");
        ReceiverSpec.Resource target = new ReceiverSpec.Resource();
        target.kind = "HelmRepository";
        target.name = "charts";
        receiver.getSpec().resources = List.of(target);
        stack.client().resources(Receiver.class).inNamespace(NS).resource(receiver).create();
        stack.await("receiver " + name + "'s path", Duration.ofSeconds(60), () -> {
            Receiver r = stack.client().resources(Receiver.class).inNamespace(NS).withName(name).get();
            return r.getStatus() != null && r.getStatus().webhookPath != null;
        });
        return stack.client().resources(Receiver.class).inNamespace(NS).withName(name).get().getStatus().webhookPath;
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> files(byte[] tgz) throws Exception {
        Map<String, String> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    @Test
    @Order(1)
    void theIndexIsFetchedOverMutualTlsWithBasicAuthAndServedAsItCame() throws Exception {
        createRepository("charts", spec -> { });
        stack.await("HelmRepository charts Ready", Duration.ofSeconds(60),
                () -> ready(repository("charts") == null ? null : repository("charts").getStatus()).map(c -> "True".equals(c.getStatus())).orElse(false));
        HelmRepository repo = repository("charts");
        assertThat(repo.getStatus().url).endsWith("/helmrepository/" + NS + "/charts/index.yaml");
        byte[] served = download(repo.getStatus().url);
        assertThat(repo.getStatus().artifact.revision).isEqualTo("sha256:" + sha256(served));
        assertThat(repo.getStatus().artifact.digest).isEqualTo("sha256:" + sha256(served));
        assertThat(new String(served, StandardCharsets.UTF_8)).contains("podinfo-1.1.0.tgz");
        assertThat(charts.requests()).allSatisfy(r -> assertThat(r.authorization()).startsWith("Basic "));

        requestReconcile("charts", "unchanged-index");
        HelmRepository again = repository("charts");
        assertThat(again.getStatus().artifact.digest).isEqualTo(repo.getStatus().artifact.digest);
        assertThat(again.getStatus().artifact.lastUpdateTime).isEqualTo(repo.getStatus().artifact.lastUpdateTime);
        assertThat(ready(again.getStatus()).orElseThrow().getMessage()).startsWith("artifact up to date with remote revision");
    }

    @Test
    @Order(2)
    void chartsArePulledByConstraintAndVerifiedAgainstTheIndexDigest() throws Exception {
        createChart("podinfo-stable", "podinfo", null, SourceReference.Kind.HelmRepository, "charts", spec -> { });
        createChart("podinfo-one-oh", "podinfo", "1.0.x", SourceReference.Kind.HelmRepository, "charts", spec -> { });
        awaitChart("podinfo-stable", "1.1.0");
        awaitChart("podinfo-one-oh", "1.0.0");
        HelmChart stable = chart("podinfo-stable");
        assertThat(stable.getStatus().artifact.path).endsWith("/podinfo-1.1.0.tgz");
        assertThat(stable.getStatus().observedChartName).isEqualTo("podinfo");
        assertThat(stable.getStatus().observedSourceArtifactRevision).isEqualTo(repository("charts").getStatus().artifact.revision);
        Map<String, String> files = files(download(stable.getStatus().url));
        assertThat(files).containsKeys("podinfo/Chart.yaml", "podinfo/templates/cm.yaml");
    }

    @Test
    @Order(3)
    void credentialsAreNotSentToAnotherHostAndHostileChartsAreRefused() throws Exception {
        createChart("offsite", "offsite", "*", SourceReference.Kind.HelmRepository, "charts", spec -> { });
        awaitChart("offsite", "0.1.0");
        assertThat(cdn.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isNull());

        createChart("evil", "evil", "*", SourceReference.Kind.HelmRepository, "charts", spec -> { });
        stack.await("evil to fail", Duration.ofSeconds(60), () -> ready(chart("evil") == null ? null : chart("evil").getStatus())
                .map(c -> "False".equals(c.getStatus())).orElse(false));
        assertThat(ready(chart("evil").getStatus()).orElseThrow().getMessage()).contains("escapes the target directory");
        assertThat(chart("evil").getStatus().artifact).isNull();

        createChart("tampered", "tampered", "*", SourceReference.Kind.HelmRepository, "charts", spec -> { });
        stack.await("tampered to fail", Duration.ofSeconds(60), () -> ready(chart("tampered") == null ? null : chart("tampered").getStatus())
                .map(c -> "False".equals(c.getStatus())).orElse(false));
        assertThat(ready(chart("tampered").getStatus()).orElseThrow()).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("ChartPullError");
            assertThat(c.getMessage()).contains("does not match the index's");
        });
        assertThat(chart("tampered").getStatus().artifact).isNull();
    }

    @Test
    @Order(4)
    void aHarborPushRefreshesTheIndexAndTheChartsThatFollowIt() throws Exception {
        String path = receiverFor("harbor", ReceiverSpec.Type.HARBOR);

        publish("1.0.0", "1.1.0", "1.2.0");
        String body = "{\"type\":\"PUSH_ARTIFACT\",\"event_data\":{\"repository\":{\"name\":\"podinfo\"}}}";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(stack.webhookUrl() + path))
                .header("Authorization", "wrong").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(stack.webhookUrl() + path))
                .header("Authorization", "harbor-token-123").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        awaitChart("podinfo-stable", "1.2.0");
        assertThat(new String(download(repository("charts").getStatus().url), StandardCharsets.UTF_8)).contains("podinfo-1.2.0.tgz");
        assertThat(chart("podinfo-one-oh").getStatus().artifact.revision).isEqualTo("1.0.0");
    }

    @Test
    @Order(5)
    void aSignedGenericHmacNotificationRefreshesTheIndexToo() throws Exception {
        String path = receiverFor("uploads", ReceiverSpec.Type.GENERIC_HMAC);
        publish("1.0.0", "1.1.0", "1.2.0", "1.3.0");
        String body = "{\"chart\":\"podinfo\",\"version\":\"1.3.0\"}";
        HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create(stack.webhookUrl() + path))
                .header("X-Signature", WebhookSignature.github("harbor-token-123", body + " "))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(400);
        HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create(stack.webhookUrl() + path))
                .header("X-Signature", WebhookSignature.github("harbor-token-123", body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        awaitChart("podinfo-stable", "1.3.0");
    }

    @Test
    @Order(6)
    void theCatalogAnswersFromTheStoredIndexes() throws Exception {
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(stack.artifactUrl()
                + "/api/v1/catalog/charts?q=podinfo&repository=" + NS + "/charts")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).isEqualTo(200);
        JsonNode found = JSON.readTree(search.body());
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("latestVersion").asText()).isEqualTo("1.3.0");
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(stack.artifactUrl()
                + "/api/v1/catalog/repositories/" + NS + "/charts/charts/podinfo/versions/1.1.0")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(version.body()).get("digest").asText()).isEqualTo(HelmRepoServer.digest(PACKAGES.get("1.1.0")));
    }

    @Test
    @Order(7)
    void brokenOrOversizedIndexesFailClearlyAndTheLastGoodOneStaysServed() throws Exception {
        String url = repository("charts").getStatus().url;
        byte[] good = download(url);
        charts.put("index.yaml", ("apiVersion: v1\nentries:\n  podinfo:\n    - name: podinfo\n      version: 1.0.0\n"
                + "  podinfo:\n    - name: podinfo\n      version: 2.0.0\n").getBytes(StandardCharsets.UTF_8));
        requestReconcile("charts", "repeated-chart");
        assertThat(ready(repository("charts").getStatus()).orElseThrow()).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("IndexationFailed");
            assertThat(c.getMessage()).isEqualTo("failed to load the index: index: entries: key 'podinfo' is defined twice (line 6); "
                    + "Helm refuses repeated keys");
        });
        charts.put("index.yaml", "entries: {}\n".getBytes(StandardCharsets.UTF_8));
        requestReconcile("charts", "no-api-version");
        assertThat(ready(repository("charts").getStatus()).orElseThrow().getMessage()).isEqualTo("failed to load the index: index has no apiVersion");
        charts.put("index.yaml", ("apiVersion: v1\n# " + "x".repeat((int) SharedStack.MAX_INDEX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8));
        requestReconcile("charts", "too-big");
        assertThat(ready(repository("charts").getStatus()).orElseThrow().getMessage()).matches("index is \\d+ bytes, over the limit of "
                + SharedStack.MAX_INDEX_BYTES + " bytes");
        assertThat(download(url)).isEqualTo(good);
    }

    @Test
    @Order(8)
    void entriesHelmSkipsAreSkippedNamedOnTheEventAndTheIndexStored() throws Exception {
        String url = repository("charts").getStatus().url;
        byte[] good = download(url);
        byte[] withInvalid = (new String(good, StandardCharsets.UTF_8) + "  broken:\n    - name: broken\n      version: not-a-version\n")
                .getBytes(StandardCharsets.UTF_8);
        charts.put("index.yaml", withInvalid);
        requestReconcile("charts", "invalid-entry");
        assertThat(ready(repository("charts").getStatus()).orElseThrow()).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).contains(", 1 invalid entries skipped)");
        });
        assertThat(download(url)).isEqualTo(withInvalid);
        stack.await("the NewArtifact event naming the skipped entry", Duration.ofSeconds(30), () -> stack.client().v1().events().inNamespace(NS)
                .list().getItems().stream().anyMatch(e -> "charts".equals(e.getInvolvedObject().getName()) && "NewArtifact".equals(e.getReason())
                        && e.getMessage().endsWith("1 invalid index entry skipped: chart 'broken' version 'not-a-version': "
                                + "chart.metadata.version \"not-a-version\" is invalid")));
        charts.put("index.yaml", good);
        requestReconcile("charts", "valid-again");
        assertThat(ready(repository("charts").getStatus()).orElseThrow().getMessage()).doesNotContain("skipped");
        assertThat(download(url)).isEqualTo(good);
    }

    @Test
    @Order(9)
    void ociRepositoriesAreStaticHolders() {
        createRepository("oci", spec -> {
            spec.url = "oci://ghcr.io/stefanprodan/charts";
            spec.type = HelmRepositorySpec.Type.OCI;
            spec.secretRef = null;
            spec.certSecretRef = null;
        });
        stack.await("oci Ready", Duration.ofSeconds(60), () -> ready(repository("oci") == null ? null : repository("oci").getStatus())
                .map(c -> "True".equals(c.getStatus())).orElse(false));
        assertThat(repository("oci").getStatus().artifact).isNull();
    }

    @Test
    @Order(10)
    void aChartFromGitBuildsItsDependenciesMergesValuesFilesAndHonoursHelmignore() throws Exception {
        String repoName = "umbrella-" + Long.toString(System.nanoTime(), 36);
        stack.git().createRepository(repoName);
        stack.git().commit(repoName, Map.of(
                "charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.3.0\ndependencies:\n"
                        + "  - name: lib\n    version: 0.1.0\n    repository: file://../lib\n"
                        + "  - name: podinfo\n    version: 1.0.x\n    repository: " + charts.url() + "/\n",
                "charts/app/values.yaml", "image: {repo: app, tag: '1'}\nreplicas: 1\n",
                "charts/app/.helmignore", "*.md\n",
                "charts/app/README.md", "docs\n",
                "charts/app/templates/cm.yaml", "kind: ConfigMap\n",
                "charts/lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n",
                "env/prod.yaml", "image: {tag: '2'}\nreplicas: 3\n"), "umbrella chart");
        GitRepository git = new GitRepository();
        git.setMetadata(new ObjectMetaBuilder().withName("umbrella").withNamespace(NS).build());
        git.setSpec(new GitRepositorySpec());
        git.getSpec().url = stack.git().url(repoName);
        git.getSpec().interval = "1h";
        git.getSpec().ref = new GitRepositoryRef();
        git.getSpec().ref.branch = "main";
        stack.client().resources(GitRepository.class).inNamespace(NS).resource(git).create();

        createChart("app", "charts/app", null, SourceReference.Kind.GitRepository, "umbrella",
                spec -> spec.valuesFiles = List.of("charts/app/values.yaml", "env/prod.yaml", "env/missing.yaml"));
        stack.await("app to fail on the missing values file", Duration.ofSeconds(90), () -> ready(chart("app") == null ? null : chart("app").getStatus())
                .map(c -> c.getMessage() != null && c.getMessage().contains("'env/missing.yaml' not found")).orElse(false));
        stack.edit(HelmChart.class, NS, "app", c -> {
            c.getSpec().ignoreMissingValuesFiles = true;
            return c;
        });
        long generation = chart("app").getMetadata().getGeneration();
        awaitChart("app", "0.3.0+" + generation);
        HelmChart app = chart("app");
        assertThat(app.getStatus().observedValuesFiles).containsExactly("charts/app/values.yaml", "env/prod.yaml");
        Map<String, String> files = files(download(app.getStatus().url));
        assertThat(files).containsKeys("app/Chart.yaml", "app/templates/cm.yaml", "app/charts/lib/Chart.yaml", "app/charts/podinfo/Chart.yaml")
                .doesNotContainKey("app/README.md");
        assertThat(files.get("app/charts/podinfo/Chart.yaml")).contains("version: 1.0.0");
        assertThat(files.get("app/values.yaml")).contains("repo: \"app\"").contains("tag: \"2\"").contains("replicas: 3");
    }
}
