package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator does with kubectl 1.32 against Tributary's CRDs on the real kube-apiserver, through the written
 * admin kubeconfig: list with Flux's printer columns, read as YAML, watch, describe, apply (client- and server-side),
 * annotate for a reconcile request, merge-patch, wait for Ready, delete behind a finalizer, explain.
 */
class KubectlTest {

    private static final ResourceDefinitionContext GIT_REPOSITORIES = new ResourceDefinitionContext.Builder()
            .withGroup("source.toolkit.fluxcd.io").withVersion("v1").withPlural("gitrepositories").withKind("GitRepository")
            .withNamespaced(true).build();

    private static KubernetesClient client;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        ControlPlane plane = SharedServers.controlPlane();
        client = plane.client();
        ControlPlaneCrds.install(client);
        kubectl = new Kubectl(plane.kubeconfig());
    }

    @Test
    void getShowsFluxsPrinterColumnsAndYaml() {
        String ns = namespace("get");
        apply(ns, "listed", "https://example.org/listed.git");

        String table = kubectl.ok("get", "gitrepositories", "-n", ns);
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME\\s+URL\\s+AGE\\s+READY\\s+STATUS\\s*");
        assertThat(table).containsPattern("listed\\s+https://example.org/listed.git\\s+\\d+s");

        String yaml = kubectl.ok("get", "gitrepository/listed", "-n", ns, "-o", "yaml");
        assertThat(yaml).contains("apiVersion: source.toolkit.fluxcd.io/v1", "kind: GitRepository",
                "url: https://example.org/listed.git", "timeout: 60s", "observedGeneration: -1");

        assertThat(kubectl.ok("get", "gitrepo", "-n", ns, "-o", "name")).isEqualTo("gitrepository.source.toolkit.fluxcd.io/listed\n");
        assertThat(kubectl.ok("get", "fluxcd-sources", "-n", ns, "-o", "name"))
                .as("the fluxcd-sources category").contains("gitrepository.source.toolkit.fluxcd.io/listed");
    }

    @Test
    void watchSeesAnUpdate() {
        String ns = namespace("watch");
        apply(ns, "watched", "https://example.org/watched.git");
        try (Kubectl.Streaming watch = kubectl.stream("get", "gitrepository/watched", "-n", ns, "-w",
                "-o", "custom-columns=NAME:.metadata.name,INTERVAL:.spec.interval", "--no-headers")) {
            watch.awaitLine(line -> line.matches("watched\\s+1m"));
            kubectl.ok("patch", "gitrepository/watched", "-n", ns, "--type", "merge", "-p", "{\"spec\":{\"interval\":\"7m\"}}");
            assertThat(watch.awaitLine(line -> line.contains("7m"))).matches("watched\\s+7m");
        }
    }

    @Test
    void describeShowsSpecAndStatus() {
        String ns = namespace("describe");
        apply(ns, "described", "https://example.org/described.git");
        setReady(ns, "described", "stored artifact for revision main@sha1:abc");

        assertThat(kubectl.ok("get", "gitrepositories", "-n", ns))
                .containsPattern("described\\s+https://example.org/described.git\\s+\\d+s\\s+True\\s+stored artifact for revision main@sha1:abc");

        String out = kubectl.ok("describe", "gitrepository", "described", "-n", ns);
        assertThat(out).contains("Name:         described", "Namespace:    " + ns, "API Version:  source.toolkit.fluxcd.io/v1",
                "Kind:         GitRepository", "URL:       https://example.org/described.git", "Reason:                Succeeded",
                "stored artifact for revision main@sha1:abc");
    }

    @Test
    void examplesApplyClientSideAndServerSide() {
        String examples = ControlPlaneCrds.repositoryRoot().resolve("k8s/examples").toString();
        String clientSide = kubectl.ok("apply", "-f", examples);
        assertThat(clientSide).contains("gitrepository.source.toolkit.fluxcd.io/demo created",
                "helmrelease.helm.toolkit.fluxcd.io/demo created", "receiver.notification.toolkit.fluxcd.io/demo created");

        String serverSide = kubectl.ok("apply", "--server-side", "-f", examples);
        assertThat(serverSide).contains("gitrepository.source.toolkit.fluxcd.io/demo serverside-applied",
                "helmrelease.helm.toolkit.fluxcd.io/demo serverside-applied", "receiver.notification.toolkit.fluxcd.io/demo serverside-applied");
        assertThat(kubectl.ok("get", "gitrepository/demo", "-n", "default", "-o", "jsonpath={.metadata.managedFields[*].manager}"))
                .contains("kubectl");
        assertThat(kubectl.ok("apply", "--server-side", "--dry-run=server", "-f", examples)).contains("serverside-applied (server dry run)");

        // another manager setting a field kubectl owns conflicts, until it forces
        String other = """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: demo
                  namespace: default
                spec:
                  url: http://127.0.0.1:8180/demo.git
                  interval: 9m
                """;
        java.nio.file.Path file = write(other);
        Kubectl.Result conflict = kubectl.run("apply", "--server-side", "--field-manager=someone-else", "-f", file.toString());
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.output()).contains("conflict", ".spec.interval");
        kubectl.ok("apply", "--server-side", "--field-manager=someone-else", "--force-conflicts", "-f", file.toString());
        assertThat(kubectl.ok("get", "gitrepository/demo", "-n", "default", "-o", "jsonpath={.spec.interval}")).isEqualTo("9m");
    }

    @Test
    void annotateRequestsAReconcileAndPatchChangesTheSpec() {
        String ns = namespace("annotate");
        apply(ns, "poked", "https://example.org/poked.git");
        String requestedAt = Instant.now().toString();

        assertThat(kubectl.ok("annotate", "--overwrite", "gitrepository/poked", "-n", ns,
                "reconcile.fluxcd.io/requestedAt=" + requestedAt)).contains("gitrepository.source.toolkit.fluxcd.io/poked annotated");
        assertThat(kubectl.ok("annotate", "--overwrite", "gitrepository/poked", "-n", ns, "reconcile.fluxcd.io/requestedAt=again"))
                .contains("annotated");
        GenericKubernetesResource annotated = gitRepositories(ns).withName("poked").get();
        assertThat(annotated.getMetadata().getAnnotations()).containsEntry("reconcile.fluxcd.io/requestedAt", "again");
        assertThat(annotated.getMetadata().getGeneration()).as("metadata changes keep the generation").isEqualTo(1L);

        assertThat(kubectl.ok("patch", "gitrepository/poked", "-n", ns, "--type", "merge",
                "-p", "{\"spec\":{\"ref\":{\"branch\":\"release\"},\"suspend\":true}}")).contains("patched");
        GenericKubernetesResource patched = gitRepositories(ns).withName("poked").get();
        assertThat(map(patched.getAdditionalProperties().get("spec"))).containsEntry("suspend", true)
                .containsEntry("ref", Map.of("branch", "release"));
        assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

        Kubectl.Result refused = kubectl.run("patch", "gitrepository/poked", "-n", ns, "--type", "merge",
                "-p", "{\"spec\":{\"url\":\"ftp://example.org/x\"}}");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("spec.url", "should match");
    }

    @Test
    void waitReturnsOnceTheStatusSaysReady() throws Exception {
        String ns = namespace("wait");
        apply(ns, "awaited", "https://example.org/awaited.git");
        try (Kubectl.Streaming wait = kubectl.stream("wait", "--for=condition=Ready", "gitrepository/awaited", "-n", ns,
                "--timeout=60s")) {
            setReady(ns, "awaited", "stored");
            assertThat(wait.awaitLine(line -> line.contains("condition met")))
                    .isEqualTo("gitrepository.source.toolkit.fluxcd.io/awaited condition met");
            assertThat(wait.awaitExit()).isZero();
        }
    }

    @Test
    void deleteWaitsForTheFinalizer() throws Exception {
        String ns = namespace("finalizer");
        apply(ns, "guarded", "https://example.org/guarded.git");
        kubectl.ok("patch", "gitrepository/guarded", "-n", ns, "--type", "merge",
                "-p", "{\"metadata\":{\"finalizers\":[\"finalizers.fluxcd.io\"]}}");

        assertThat(kubectl.ok("delete", "gitrepository/guarded", "-n", ns, "--wait=false"))
                .contains("gitrepository.source.toolkit.fluxcd.io \"guarded\" deleted");
        GenericKubernetesResource terminating = gitRepositories(ns).withName("guarded").get();
        assertThat(terminating).as("kept while the finalizer is there").isNotNull();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(kubectl.ok("get", "gitrepository/guarded", "-n", ns, "-o", "jsonpath={.metadata.finalizers}"))
                .contains("finalizers.fluxcd.io");

        try (Kubectl.Streaming gone = kubectl.stream("wait", "--for=delete", "gitrepository/guarded", "-n", ns, "--timeout=60s")) {
            kubectl.ok("patch", "gitrepository/guarded", "-n", ns, "--type", "json",
                    "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
            assertThat(gone.awaitExit()).isZero();
        }
        assertThat(gitRepositories(ns).withName("guarded").get()).isNull();
    }

    @Test
    void explainReadsTheSchemaFromTheServer() {
        String out = kubectl.ok("explain", "gitrepository.spec.url");
        assertThat(out).contains("GROUP:      source.toolkit.fluxcd.io", "KIND:       GitRepository", "VERSION:    v1",
                "FIELD: url <string>");
        assertThat(kubectl.ok("explain", "helmrelease.spec.chartRef.kind")).contains("FIELD: kind <string>", "ENUM:", "OCIRepository");
        assertThat(kubectl.run("explain", "gitrepository.spec.nosuchfield").exitCode()).isNotZero();
    }

    private static void apply(String ns, String name, String url) {
        String manifest = """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  url: %s
                  interval: 1m
                """.formatted(name, ns, url);
        assertThat(kubectl.ok("apply", "-f", write(manifest).toString()))
                .contains("gitrepository.source.toolkit.fluxcd.io/" + name + " created");
    }

    private static java.nio.file.Path write(String manifest) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("manifest-", ".yaml");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, manifest);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes a Ready=True condition through the status subresource, as the fetcher does. */
    private static void setReady(String ns, String name, String message) {
        GenericKubernetesResource current = gitRepositories(ns).withName(name).get();
        current.getAdditionalProperties().put("status", Map.of("observedGeneration", current.getMetadata().getGeneration(),
                "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Succeeded", "message", message,
                        "observedGeneration", current.getMetadata().getGeneration(),
                        "lastTransitionTime", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))));
        client.resource(current).updateStatus();
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> gitRepositories(String ns) {
        return client.genericKubernetesResources(GIT_REPOSITORIES).inNamespace(ns);
    }

    private static String namespace(String purpose) {
        String name = "kubectl-" + purpose + "-" + Long.toString(System.nanoTime(), 36);
        assertThat(kubectl.ok("create", "namespace", name)).contains("namespace/" + name + " created");
        return name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
