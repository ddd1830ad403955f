package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.events.Topics;
import io.tributary.testsupport.KafkaProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Drives the same local stack as {@code bin/run-local}: git push → webhook → new artifact → Helm upgrade. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(SharedStack.class)
class LocalStackIT {

    private static final String TOKEN = "local-demo-token";
    private static LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
    }

    private GitRepository repo() {
        return stack.client().resources(GitRepository.class).inNamespace("default").withName("demo").get();
    }

    private HelmRelease release() {
        return stack.client().resources(HelmRelease.class).inNamespace("default").withName("demo").get();
    }

    private String webhookPath() {
        return stack.client().resources(io.tributary.api.notification.Receiver.class).inNamespace("default").withName("demo")
                .get().getStatus().webhookPath;
    }

    private HttpResponse<String> postWebhook(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.webhookUrl() + webhookPath()))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @Order(1)
    void theInitialReleaseIsInstalledFromTheGitRepository() throws Exception {
        HelmRelease release = release();
        assertThat(release.getStatus().history).hasSize(1);
        assertThat(release.getStatus().history.get(0).version).isEqualTo(1L);
        assertThat(release.getStatus().history.get(0).status).isEqualTo("deployed");
        // reconcileStrategy Revision: the chart version carries the commit, as source-controller writes it
        String commit = repo().getStatus().artifact.revision.substring("main@sha1:".length());
        assertThat(release.getStatus().lastAttemptedRevision).isEqualTo("0.1.0+" + commit.substring(0, 12));
        assertThat(release.getStatus().history.get(0).chartVersion).isEqualTo("0.1.0+" + commit.substring(0, 12));
        assertThat(release.getStatus().lastAttemptedConfigDigest).startsWith("sha256:");
        ConfigMap settings = stack.client().configMaps().inNamespace("default").withName("demo-settings").get();
        assertThat(settings.getData()).containsEntry("message", "hello from tributary").containsEntry("color", "blue");
        Secret stored = stack.client().secrets().inNamespace("default").withName("sh.helm.release.v1.demo.v1").get();
        assertThat(stored.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(stored.getMetadata().getLabels()).containsEntry("owner", "helm").containsEntry("name", "demo")
                .containsEntry("status", "deployed").containsEntry("version", "1");

        GitRepository repo = repo();
        assertThat(repo.getStatus().artifact.revision).startsWith("main@sha1:");
        assertThat(repo.getStatus().artifact.path).isEqualTo("gitrepository/default/demo/"
                + repo.getStatus().artifact.revision.substring("main@sha1:".length()) + ".tar.gz");
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(repo.getStatus().artifact.url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(sha256(served.body())).isEqualTo(repo.getStatus().artifact.digest);
        assertThat(served.body().length).isEqualTo(repo.getStatus().artifact.size.intValue());
    }

    @Test
    @Order(2)
    void badSignaturesAndOversizedBodiesAreRefusedAndTriggerNothing() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrap(), Topics.SOURCE_REQUESTS)) {
            String body = "{\"ref\":\"refs/heads/main\"}";
            assertThat(postWebhook(body, null).statusCode()).isEqualTo(400);
            assertThat(postWebhook(body, WebhookSignature.github("wrong-token", body)).statusCode()).isEqualTo(400);
            assertThat(postWebhook(body + " ", WebhookSignature.github(TOKEN, body)).statusCode()).isEqualTo(400);
            String large = "x".repeat(3 * 1024 * 1024 + 1);
            assertThat(postWebhook(large, WebhookSignature.github(TOKEN, large)).statusCode()).isEqualTo(413);
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(stack.webhookUrl() + "/hook/0000"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(probe.drain(Duration.ofSeconds(3))).noneMatch(r -> r.value().contains("\"Webhook\""));
        }
    }

    @Test
    @Order(3)
    void aPushAndASignedWebhookUpgradeTheRelease() throws Exception {
        String before = repo().getStatus().artifact.revision;
        var commit = stack.git().commit(DemoRepository.NAME, Map.of("charts/demo/values.yaml",
                "message: hello\ncolor: green\nreplicas: 2\n"), "Paint it green");
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + commit.name() + "\"}";

        long start = System.nanoTime();
        HttpResponse<String> response = postWebhook(body, WebhookSignature.github(TOKEN, body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        stack.await("HelmRelease demo to reach release version 2", Duration.ofMinutes(2), () -> {
            HelmRelease release = release();
            return release.getStatus() != null && release.getStatus().history != null
                    && release.getStatus().history.get(0).version == 2L && "deployed".equals(release.getStatus().history.get(0).status);
        });
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("webhook POST to HelmRelease version 2: %d ms%n", millis);

        assertThat(repo().getStatus().artifact.revision).isEqualTo("main@sha1:" + commit.name()).isNotEqualTo(before);
        // the webhook's request is reported handled, as after a reconcile.fluxcd.io/requestedAt annotation
        assertThat(java.time.Instant.parse(repo().getStatus().lastHandledReconcileAt)).isAfter(java.time.Instant.now().minusMillis(millis + 60_000));
        HelmChart chart = stack.client().resources(HelmChart.class).inNamespace("default").withName("default-demo").get();
        assertThat(chart.getStatus().observedSourceArtifactRevision).isEqualTo("main@sha1:" + commit.name());
        assertThat(chart.getStatus().url).endsWith("/helmchart/default/default-demo/latest.tar.gz");
        assertThat(chart.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("HelmRelease");
            assertThat(owner.getName()).isEqualTo("demo");
            assertThat(owner.getUid()).isEqualTo(release().getMetadata().getUid());
        });
        HttpResponse<byte[]> latest = http.send(HttpRequest.newBuilder(URI.create(chart.getStatus().url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sha256(latest.body())).isEqualTo(chart.getStatus().artifact.digest);
        ConfigMap settings = stack.client().configMaps().inNamespace("default").withName("demo-settings").get();
        assertThat(settings.getData()).containsEntry("color", "green").containsEntry("replicas", "2")
                .containsEntry("message", "hello from tributary");
        assertThat(stack.client().secrets().inNamespace("default").withName("sh.helm.release.v1.demo.v2").get()
                .getMetadata().getLabels()).containsEntry("status", "deployed");
        assertThat(stack.client().secrets().inNamespace("default").withName("sh.helm.release.v1.demo.v1").get()
                .getMetadata().getLabels()).containsEntry("status", "superseded");
        assertThat(release().getStatus().history).extracting(s -> s.version).containsExactly(2L, 1L);
    }

    @Test
    @Order(4)
    void repackagingTheSameCommitGivesAnIdenticalDigest() throws Exception {
        GitRepository before = repo();
        long eventsBefore = newArtifactEvents();
        assertThat(eventsBefore).isEqualTo(2);
        String requestedAt = "repackage-" + System.nanoTime();
        stack.edit(GitRepository.class, "default", "demo", r -> {
                    var annotations = new java.util.HashMap<String, String>();
                    if (r.getMetadata().getAnnotations() != null) {
                        annotations.putAll(r.getMetadata().getAnnotations());
                    }
                    annotations.put(Annotations.REQUESTED_AT, requestedAt);
                    r.getMetadata().setAnnotations(annotations);
                    return r;
                });
        stack.await("the GitRepository to handle " + requestedAt, Duration.ofMinutes(1),
                () -> requestedAt.equals(repo().getStatus().lastHandledReconcileAt));
        GitRepository after = repo();
        assertThat(newArtifactEvents()).as("NewArtifact is recorded only when the digest changes").isEqualTo(eventsBefore);
        assertThat(after.getStatus().artifact.revision).isEqualTo(before.getStatus().artifact.revision);
        assertThat(after.getStatus().artifact.digest).isEqualTo(before.getStatus().artifact.digest);
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(after.getStatus().artifact.url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sha256(served.body())).isEqualTo(before.getStatus().artifact.digest);
        assertThat(Objects.requireNonNull(release().getStatus().history).get(0).version).isEqualTo(2L);
    }

    private long newArtifactEvents() {
        return stack.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> "NewArtifact".equals(e.getReason()) && "GitRepository".equals(e.getInvolvedObject().getKind())
                        && "demo".equals(e.getInvolvedObject().getName()))
                .count();
    }

    private GitRepository createRepository(String name, String url, String branch) {
        GitRepository repo = new GitRepository();
        repo.getMetadata().setName(name);
        repo.getMetadata().setNamespace("default");
        repo.setSpec(new io.tributary.api.source.GitRepositorySpec());
        repo.getSpec().url = url;
        repo.getSpec().interval = "10m";
        repo.getSpec().ref = new io.tributary.api.source.GitRepositoryRef();
        repo.getSpec().ref.branch = branch;
        return stack.client().resources(GitRepository.class).inNamespace("default").resource(repo).create();
    }

    private io.fabric8.kubernetes.api.model.Condition condition(String name, String type) {
        GitRepository repo = stack.client().resources(GitRepository.class).inNamespace("default").withName(name).get();
        return repo.getStatus() == null ? null
                : io.tributary.api.meta.Conditions.find(repo.getStatus().conditions, type).orElse(null);
    }

    @Test
    @Order(5)
    void aFailingFetchKeepsTheLastGoodArtifactAndSaysWhy() throws Exception {
        createRepository("flaky", stack.gitBaseUrl() + "demo.git", "main");
        stack.await("flaky to become Ready", Duration.ofMinutes(1), () -> {
            var ready = condition("flaky", "Ready");
            return ready != null && "True".equals(ready.getStatus());
        });
        var good = stack.client().resources(GitRepository.class).inNamespace("default").withName("flaky").get().getStatus().artifact;

        stack.edit(GitRepository.class, "default", "flaky", r -> {
            r.getSpec().ref.branch = "no-such-branch";
            return r;
        });
        stack.await("flaky to report the missing branch", Duration.ofMinutes(1), () -> {
            var failed = condition("flaky", "FetchFailed");
            return failed != null && "True".equals(failed.getStatus());
        });
        var ready = condition("flaky", "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("GitOperationFailed");
        assertThat(ready.getMessage()).contains("no-such-branch");
        var after = stack.client().resources(GitRepository.class).inNamespace("default").withName("flaky").get().getStatus();
        assertThat(after.artifact.digest).isEqualTo(good.digest);
        assertThat(after.artifact.revision).isEqualTo(good.revision);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(good.url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
        assertThat(release().getStatus().history.get(0).version).as("other objects are unaffected").isEqualTo(2L);

        // retried with backoff, with no user action: once the branch exists the source recovers
        stack.git().repository(DemoRepository.NAME).branchCreate().setName("no-such-branch").call();
        stack.await("flaky to recover on a retry", Duration.ofMinutes(2), () -> {
            var recovered = condition("flaky", "Ready");
            return recovered != null && "True".equals(recovered.getStatus());
        });
        assertThat(condition("flaky", "FetchFailed")).isNull();
        assertThat(stack.client().resources(GitRepository.class).inNamespace("default").withName("flaky").get()
                .getStatus().artifact.revision).startsWith("no-such-branch@sha1:");
    }

    @Test
    @Order(6)
    void anUnreachableHostFailsAndTheApiServerRefusesAnScpStyleUrl() {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        createRepository("unreachable", "http://127.0.0.1:" + closed + "/repo.git", "main");
        stack.await("unreachable to fail", Duration.ofMinutes(1), () -> {
            var failed = condition("unreachable", "FetchFailed");
            return failed != null && "True".equals(failed.getStatus());
        });
        assertThat(condition("unreachable", "Ready").getMessage()).contains("127.0.0.1:" + closed);
        assertThat(condition("unreachable", "Stalled")).isNull();

        GitRepository scp = new GitRepository();
        scp.getMetadata().setName("scp-style");
        scp.getMetadata().setNamespace("default");
        scp.setSpec(new io.tributary.api.source.GitRepositorySpec());
        scp.getSpec().url = "git@github.com:org/repo.git";
        scp.getSpec().interval = "10m";
        // the CRD's URL pattern, as in Flux's: the API server refuses the object, naming the field
        ApiRefusal.assertRefused(() -> stack.client().resources(GitRepository.class).inNamespace("default").resource(scp).create(),
                "spec.url");
        assertThat(stack.client().resources(GitRepository.class).inNamespace("default").withName("scp-style").get()).isNull();
    }

    private void awaitReleaseVersion(long version) {
        stack.await("HelmRelease demo to reach release version " + version, Duration.ofMinutes(2), () -> {
            HelmRelease release = release();
            return release.getStatus() != null && release.getStatus().history != null
                    && release.getStatus().history.get(0).version == version && "deployed".equals(release.getStatus().history.get(0).status);
        });
    }

    @Test
    @Order(7)
    void anUpgradeDeletesWhatTheChartNoLongerRenders() throws Exception {
        assertThat(stack.client().services().inNamespace("default").withName("demo").get()).isNotNull();
        stack.git().commit(DemoRepository.NAME, java.util.Collections.singletonMap("charts/demo/templates/service.yaml", null),
                "Drop the service");
        String body = "{\"ref\":\"refs/heads/main\"}";
        assertThat(postWebhook(body, WebhookSignature.github(TOKEN, body)).statusCode()).isEqualTo(200);
        awaitReleaseVersion(3);
        assertThat(stack.client().services().inNamespace("default").withName("demo").get()).isNull();
        assertThat(stack.client().configMaps().inNamespace("default").withName("demo-settings").get()).isNotNull();
    }

    @Test
    @Order(8)
    void changingTheInlineValuesUpgradesWithANewConfigDigest() {
        String before = release().getStatus().lastAttemptedConfigDigest;
        stack.edit(HelmRelease.class, "default", "demo", r -> {
            r.getSpec().values = Map.of("message", "changed in the spec");
            return r;
        });
        awaitReleaseVersion(4);
        HelmRelease release = release();
        assertThat(release.getStatus().lastAttemptedConfigDigest).isNotEqualTo(before);
        assertThat(release.getStatus().history.get(0).configDigest).isEqualTo(release.getStatus().lastAttemptedConfigDigest);
        assertThat(release.getStatus().observedGeneration).isEqualTo(release.getMetadata().getGeneration());
        assertThat(stack.client().configMaps().inNamespace("default").withName("demo-settings").get().getData())
                .containsEntry("message", "changed in the spec");
    }

    @Test
    @Order(9)
    void aSuspendedSourceIgnoresRequests() throws Exception {
        var before = stack.client().resources(GitRepository.class).inNamespace("default").withName("flaky").get().getStatus();
        stack.edit(GitRepository.class, "default", "flaky", r -> {
            r.getSpec().suspend = true;
            return r;
        });
        var git = stack.git().repository(DemoRepository.NAME);
        git.checkout().setName("no-such-branch").call();
        var commit = stack.git().commit(DemoRepository.NAME, Map.of("README.md", "suspended\n"), "While suspended");
        git.checkout().setName("main").call();
        stack.edit(GitRepository.class, "default", "flaky", r -> {
            var annotations = new java.util.HashMap<String, String>();
            annotations.put(Annotations.REQUESTED_AT, "while-suspended");
            r.getMetadata().setAnnotations(annotations);
            return r;
        });
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrap(), Topics.SOURCE_REQUESTS)) {
            assertThat(probe.drain(Duration.ofSeconds(4))).noneMatch(r -> "GitRepository/default/flaky".equals(r.key()));
        }
        var after = stack.client().resources(GitRepository.class).inNamespace("default").withName("flaky").get().getStatus();
        assertThat(after.artifact.revision).isEqualTo(before.artifact.revision).doesNotContain(commit.name());
        assertThat(after.lastHandledReconcileAt).isNotEqualTo("while-suspended");
    }
}
