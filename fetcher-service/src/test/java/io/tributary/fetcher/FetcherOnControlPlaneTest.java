package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.source.OCIRepository;
import io.tributary.api.source.OCIRepositoryRef;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryVerification;
import io.tributary.api.source.OciVerification;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
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
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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

    @Test
    void anOciRepositoryWhoseSignatureCannotBeVerifiedIsNotReadyWithSourceVerifiedFalse() throws Exception {
        OciRegistry registry = SharedServers.ociRegistry();
        String repository = "verify/" + Long.toString(System.nanoTime(), 36);
        String digest = registry.pushArtifact(repository, "v1", new OciRegistry.Blob("application/vnd.cncf.flux.config.v1+json",
                "{}".getBytes(StandardCharsets.UTF_8)), List.of(new OciRegistry.Blob("application/vnd.cncf.flux.content.v1.tar+gzip",
                HelmRepoServer.tgz(Map.of("a.yaml", "kind: ConfigMap".getBytes(StandardCharsets.UTF_8))))));
        String ns = namespace("oci-verify");
        secret(ns, "registry", Map.of(".dockerconfigjson", registry.dockerConfigJson(OciRegistry.USER, registry.password())));
        secret(ns, "registry-ca", Map.of("ca.crt", registry.pki().caPem()));
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        secret(ns, "cosign-keys", Map.of("cosign.pub", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n"));
        createOci(ns, "missing-keys", registry.url(repository), "absent");
        createOci(ns, "unsigned", registry.url(repository), "cosign-keys");

        for (String name : List.of("missing-keys", "unsigned")) {
            OCIRepository failed = awaitOci(ns, name, r -> r.getStatus() != null
                    && Conditions.find(r.getStatus().conditions, ConditionTypes.READY).map(c -> "False".equals(c.getStatus())).orElse(false));
            var ready = Conditions.find(failed.getStatus().conditions, ConditionTypes.READY).orElseThrow();
            var verified = Conditions.find(failed.getStatus().conditions, ConditionTypes.SOURCE_VERIFIED).orElseThrow();
            assertThat(ready.getReason()).isEqualTo("VerificationError");
            assertThat(verified.getStatus()).isEqualTo("False");
            assertThat(verified.getReason()).isEqualTo("VerificationError");
            assertThat(verified.getMessage()).isEqualTo(ready.getMessage())
                    .startsWith("failed to verify the signature using provider 'cosign': ")
                    .contains(name.equals("unsigned") ? "no signatures found for '" + registry.host() + "/" + repository + "@" + digest + "'"
                            : "spec.verify.secretRef: secret '" + ns + "/absent' not found");
            assertThat(Conditions.find(failed.getStatus().conditions, ConditionTypes.FETCH_FAILED)).isEmpty();
            assertThat(failed.getStatus().artifact).isNull();
        }
    }

    private void secret(String ns, String name, Map<String, String> data) {
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withStringData(data).build()).create();
    }

    private void createOci(String ns, String name, String url, String keys) {
        OCIRepository repo = new OCIRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        repo.setSpec(new OCIRepositorySpec());
        repo.getSpec().url = url;
        repo.getSpec().interval = "1m";
        repo.getSpec().ref = new OCIRepositoryRef();
        repo.getSpec().ref.tag = "v1";
        repo.getSpec().secretRef = reference("registry");
        repo.getSpec().certSecretRef = reference("registry-ca");
        repo.getSpec().verify = new OCIRepositoryVerification();
        repo.getSpec().verify.provider = OciVerification.Provider.COSIGN;
        repo.getSpec().verify.secretRef = reference(keys);
        client.resource(repo).create();
    }

    private static LocalObjectReference reference(String name) {
        LocalObjectReference reference = new LocalObjectReference();
        reference.name = name;
        return reference;
    }

    private OCIRepository awaitOci(String ns, String name, Predicate<OCIRepository> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        OCIRepository current = null;
        while (System.nanoTime() < deadline) {
            current = client.resources(OCIRepository.class).inNamespace(ns).withName(name).get();
            if (current != null && condition.test(current)) {
                return current;
            }
            pause();
        }
        throw new AssertionError("not so after " + WAIT.toSeconds() + "s: " + (current == null ? null
                : client.getKubernetesSerialization().asYaml(current)));
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
