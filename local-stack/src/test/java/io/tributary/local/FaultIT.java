package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositoryRef;
import io.tributary.api.source.GitRepositorySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crashes on a stack of its own: SIGKILL of the Kafka broker, of artifact-service mid-upload, of fetcher-service
 * mid-fetch and of notification-service mid-webhook, each restarted as the local stack does; then the API server
 * goes away (every operator's readiness turns DOWN) and every service is sent SIGTERM. After each crash every object
 * reaches its new revision, every served artifact matches its digest, and nothing is left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final String NS = "default";
    private static final String TOKEN = "local-demo-token";
    private static LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(root, root.resolve("local-stack/target/fault-it"), Ports.free());
        stack.applyExamples();
        stack.awaitExamplesReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private GitRepository repo(String name) {
        return stack.client().resources(GitRepository.class).inNamespace(NS).withName(name).get();
    }

    private void awaitRevision(String name, RevCommit commit) {
        stack.await(name + " at " + commit.name(), Duration.ofMinutes(2), () -> {
            GitRepository repo = repo(name);
            return repo.getStatus() != null && repo.getStatus().artifact != null
                    && repo.getStatus().artifact.revision.endsWith(commit.name()) && Conditions.isTrue(repo.getStatus().conditions, "Ready");
        });
    }

    private void requestReconcile(String name, String token) {
        stack.edit(GitRepository.class, NS, name, r -> {
            r.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(Annotations.REQUESTED_AT, token)));
            return r;
        });
    }

    private void create(String name, String url) {
        GitRepository repo = new GitRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        repo.setSpec(new GitRepositorySpec());
        repo.getSpec().url = url;
        repo.getSpec().interval = "1h";
        repo.getSpec().ref = new GitRepositoryRef();
        repo.getSpec().ref.branch = "main";
        stack.client().resource(repo).create();
    }

    /** Every artifact a source's status names is served and matches its digest. */
    private void assertServedArtifactsMatch() throws Exception {
        for (GitRepository repo : stack.client().resources(GitRepository.class).inAnyNamespace().list().getItems()) {
            if (repo.getStatus() == null || repo.getStatus().artifact == null) {
                continue;
            }
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(repo.getStatus().artifact.url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(repo.getMetadata().getName()).isEqualTo(200);
            assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body())))
                    .as(repo.getMetadata().getName()).isEqualTo(repo.getStatus().artifact.digest);
        }
    }

    private static List<Path> leftovers(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".tmp")).toList();
        }
    }

    private static List<Path> workspaces() throws Exception {
        if (!Files.isDirectory(stack.fetcherWorkspaces())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(stack.fetcherWorkspaces())) {
            return entries.toList();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    @Order(1)
    void theBrokerRestartsInPlaceAndEveryObjectReachesItsNewRevision() throws Exception {
        stack.kill("kafka");
        stack.restart("kafka");
        RevCommit commit = stack.git().commit(DemoRepository.NAME, Map.of("charts/demo/values.yaml",
                "message: after a broker crash\ncolor: green\nreplicas: 1\n"), "After the broker crash");
        requestReconcile("demo", "after-kafka-crash");
        awaitRevision("demo", commit);
        stack.await("the release to follow", Duration.ofMinutes(2), () -> {
            HelmRelease release = stack.client().resources(HelmRelease.class).inNamespace(NS).withName("demo").get();
            return release.getStatus() != null && release.getStatus().history != null && release.getStatus().history.get(0).version >= 2
                    && Conditions.isTrue(release.getStatus().conditions, "Ready");
        });
        assertThat(stack.client().configMaps().inNamespace(NS).withName("demo-settings").get().getData())
                .containsEntry("color", "green");
        assertServedArtifactsMatch();
    }

    @Test
    @Order(2)
    void artifactServiceKilledMidUploadLeavesNothingBehindAndTheFetchIsRedone() throws Exception {
        stack.git().createRepository("big");
        Map<String, byte[]> files = Map.of("blob-1.bin", random(24 << 20, 1), "blob-2.bin", random(24 << 20, 2));
        RevCommit commit = stack.git().commitBytes("big", files, "big files");
        create("big", stack.git().url("big"));
        stack.await("an upload in flight", Duration.ofMinutes(1), () -> {
            try {
                return !leftovers(stack.artifactStorage()).isEmpty() || repo("big").getStatus() != null
                        && repo("big").getStatus().artifact != null;
            } catch (Exception e) {
                return false;
            }
        });
        stack.kill("artifact-service");
        stack.restart("artifact-service");
        assertThat(leftovers(stack.artifactStorage())).isEmpty();
        requestReconcile("big", "after-artifact-crash");
        awaitRevision("big", commit);
        assertServedArtifactsMatch();
        assertThat(leftovers(stack.artifactStorage())).isEmpty();
    }

    @Test
    @Order(3)
    void fetcherKilledMidFetchCleansItsWorkspaceAndTheFetchIsRedone() throws Exception {
        stack.git().createRepository("slow");
        RevCommit commit = stack.git().commit("slow", Map.of("app.yaml", "a: 1\n"), "first");
        stack.git().hang(Duration.ofSeconds(4));
        try {
            create("slow", stack.git().url("slow"));
            stack.await("a fetch in flight", Duration.ofMinutes(1), () -> {
                try {
                    return !workspaces().isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
            stack.kill("fetcher-service");
        } finally {
            stack.git().hang(Duration.ZERO);
        }
        assertThat(workspaces()).isNotEmpty();
        stack.restart("fetcher-service");
        awaitRevision("slow", commit);
        stack.await("no workspace left", Duration.ofSeconds(30), () -> {
            try {
                return workspaces().isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        assertServedArtifactsMatch();
    }

    @Test
    @Order(4)
    void notificationServiceKilledMidWebhookServesTheNextOne() throws Exception {
        String path = stack.client().resources(io.tributary.api.notification.Receiver.class).inNamespace(NS).withName("demo")
                .get().getStatus().webhookPath;
        String body = "{\"ref\":\"refs/heads/main\"}";
        HttpRequest webhook = HttpRequest.newBuilder(URI.create(stack.webhookUrl() + path)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", WebhookSignature.github(TOKEN, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(webhook, HttpResponse.BodyHandlers.ofString());
        stack.kill("notification-service");
        // the answer to the webhook in flight is a 2xx (it was queued) or no answer at all, never a false 2xx
        inFlight.handle((response, error) -> response == null ? 0 : response.statusCode()).thenAccept(code ->
                assertThat(code == 0 || code == 200 || code == 503).as("in-flight webhook answered " + code).isTrue()).join();
        stack.restart("notification-service");
        RevCommit commit = stack.git().commit(DemoRepository.NAME, Map.of("README.md", "after the webhook crash\n"), "After the crash");
        stack.await("the receiver to serve again", Duration.ofMinutes(1), () -> {
            try {
                return http.send(webhook, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        awaitRevision("demo", commit);
        assertServedArtifactsMatch();
    }

    @Test
    @Order(5)
    void operatorsTurnNotReadyWhenTheirWatchesDieAndEveryServiceStopsWithinTenSecondsOfSigterm() throws Exception {
        stack.kill("kube-api");
        for (String operator : List.of("fetcher-service", "release-service", "notification-service")) {
            stack.await(operator + " readiness DOWN without its API server", Duration.ofMinutes(2), () -> !stack.ready(operator));
        }
        org.assertj.core.api.SoftAssertions stops = new org.assertj.core.api.SoftAssertions();
        for (String service : List.of("artifact-service", "fetcher-service", "release-service", "notification-service")) {
            Duration took = stack.terminate(service, Duration.ofSeconds(10));
            System.out.printf("%s stopped %s after SIGTERM%n", service, took == null ? "NOT within 10 s" : "in " + took.toMillis() + " ms");
            stops.assertThat(took).as(service + " stops within 10 s of SIGTERM").isNotNull();
        }
        stops.assertAll();
    }
}
