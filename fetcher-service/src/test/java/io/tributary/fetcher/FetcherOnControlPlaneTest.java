package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.testsupport.ControlPlaneTestResource;
import io.tributary.testsupport.KafkaBroker;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.KafkaTestResource;
import io.tributary.testsupport.SharedServers;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FluxEvent;
import io.tributary.events.Topics;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The fetcher as deployed: its operator watches the real kube-apiserver, schedules through Kafka, and its worker
 * writes status through the real status subresource, where the CRD's schema (metav1.Condition's reason pattern,
 * required message) and the finalizer are enforced. artifact-service is a stub that only answers deletes.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ArtifactServiceStub.class)
class FetcherOnControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "tributary.artifact-service.url")
    String artifactService;

    @Test
    void anUnreachableRepositoryIsReportedNotReadyThroughTheStatusSubresource() {
        String ns = namespace("unreachable");
        String url = "http://127.0.0.1:" + KafkaBroker.freePorts(1)[0] + "/nothing.git";
        create(ns, "unreachable", url, "first");

        GitRepository failed = await(ns, "unreachable", r -> r.getStatus() != null
                && Conditions.find(r.getStatus().conditions, ConditionTypes.READY).map(c -> "False".equals(c.getStatus())).orElse(false));
        var ready = Conditions.find(failed.getStatus().conditions, ConditionTypes.READY).orElseThrow();
        assertThat(ready.getReason()).isEqualTo("GitOperationFailed");
        assertThat(ready.getMessage()).contains("127.0.0.1");
        assertThat(failed.getMetadata().getFinalizers()).contains(Annotations.FINALIZER);
        assertThat(failed.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void aFailureIsAlsoPublishedOnTheEventStreamWithFluxFields() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(SharedServers.kafka().bootstrapServers(), Topics.EVENTS)) {
            String ns = namespace("stream");
            String url = "http://127.0.0.1:" + KafkaBroker.freePorts(1)[0] + "/nothing.git";
            GitRepository repo = new GitRepository();
            repo.setMetadata(new ObjectMetaBuilder().withName("streamed").withNamespace(ns)
                    .withAnnotations(Map.of("event.toolkit.fluxcd.io/team", "blue")).build());
            repo.setSpec(new GitRepositorySpec());
            repo.getSpec().url = url;
            repo.getSpec().interval = "1m";
            client.resource(repo).create();

            String key = "GitRepository/" + ns + "/streamed";
            var seen = probe.awaitRecord(r -> key.equals(r.key()), WAIT);
            FluxEvent event = CloudEventCodec.decode(seen.get(seen.size() - 1).value(), FluxEvent.class).data();
            assertThat(event.severity()).isEqualTo("error");
            assertThat(event.reason()).isEqualTo("GitOperationFailed");
            assertThat(event.involvedObject().apiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1");
            assertThat(event.reportingController()).isEqualTo("source-controller");
            assertThat(event.metadata()).containsEntry("event.toolkit.fluxcd.io/team", "blue");
        }
    }

    @Test
    void deletionWaitsUntilTheArtifactsAreGoneFromStorage() throws Exception {
        String ns = namespace("deleted");
        create(ns, "doomed", "http://127.0.0.1:" + KafkaBroker.freePorts(1)[0] + "/doomed.git", null);
        await(ns, "doomed", r -> r.getMetadata().getFinalizers() != null && r.getMetadata().getFinalizers().contains(Annotations.FINALIZER));
        deleteStatus(503);

        int before = deletes();
        client.resources(GitRepository.class).inNamespace(ns).withName("doomed").delete();
        long refusedBy = System.nanoTime() + WAIT.toNanos();
        while (deletes() == before) {
            assertThat(System.nanoTime()).as("no delete reached storage").isLessThan(refusedBy);
            pause();
        }
        GitRepository terminating = client.resources(GitRepository.class).inNamespace(ns).withName("doomed").get();
        assertThat(terminating).as("kept while storage refuses to delete its artifacts").isNotNull();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(terminating.getMetadata().getFinalizers()).contains(Annotations.FINALIZER);

        deleteStatus(204);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.resources(GitRepository.class).inNamespace(ns).withName("doomed").get() != null) {
            assertThat(System.nanoTime()).as("GitRepository still there after %ss", WAIT.toSeconds()).isLessThan(deadline);
            pause();
        }
    }

    private void deleteStatus(int status) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(artifactService + "/control/delete-status/" + status))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    private int deletes() throws Exception {
        return Integer.parseInt(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(artifactService + "/control/deletes"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private void create(String ns, String name, String url, String requestedAt) {
        GitRepository repo = new GitRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns)
                .withAnnotations(requestedAt == null ? Map.of() : Map.of(Annotations.REQUESTED_AT, requestedAt)).build());
        repo.setSpec(new GitRepositorySpec());
        repo.getSpec().url = url;
        repo.getSpec().interval = "1m";
        client.resource(repo).create();
    }

    private GitRepository await(String ns, String name, Predicate<GitRepository> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        GitRepository current = null;
        while (System.nanoTime() < deadline) {
            current = client.resources(GitRepository.class).inNamespace(ns).withName(name).get();
            if (current != null && condition.test(current)) {
                return current;
            }
            pause();
        }
        throw new AssertionError("not so after " + WAIT.toSeconds() + "s: " + (current == null ? null
                : client.getKubernetesSerialization().asYaml(current)));
    }

    private String namespace(String purpose) {
        String name = "fetcher-" + purpose + "-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
