package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real control plane: every CRD of k8s/crds is accepted and established; a GitRepository is defaulted, pruned,
 * validated and keeps its status behind the status subresource; the controller manager finishes namespace deletion,
 * collects garbage and issues service-account tokens that the API server accepts; kubectl 1.32 reads it all.
 */
class ControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ResourceDefinitionContext GIT_REPOSITORIES = new ResourceDefinitionContext.Builder()
            .withGroup("source.toolkit.fluxcd.io").withVersion("v1").withPlural("gitrepositories").withKind("GitRepository")
            .withNamespaced(true).build();

    private static ControlPlane plane;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        plane = SharedServers.controlPlane();
        client = plane.client();
        applyCrds();
    }

    /** Applies every CRD and waits until each is Established, failing with every refusal and its reason. */
    private static void applyCrds() {
        List<String> refused = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : crdFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.resource(crd).forceConflicts().serverSideApply();
                names.add(crd.getMetadata().getName());
            } catch (KubernetesClientException e) {
                refused.add(file.getFileName() + ": " + e.getStatus().getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(refused).as("CRDs refused by kube-apiserver").isEmpty();
        for (String name : names) {
            eventually("CRD " + name + " Established", () -> {
                var crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
                return crd.getStatus() != null && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
            });
        }
    }

    @Test
    void everyCrdIsServed() {
        List<String> files = crdFiles().stream().map(f -> f.getFileName().toString()).toList();
        assertThat(files).contains("source.toolkit.fluxcd.io_gitrepositories.yaml", "helm.toolkit.fluxcd.io_helmreleases.yaml");
        for (String file : files) {
            String name = file.substring(file.indexOf('_') + 1, file.length() - ".yaml".length()) + "."
                    + file.substring(0, file.indexOf('_'));
            var crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
            assertThat(crd).as(name).isNotNull();
            assertThat(crd.getStatus().getAcceptedNames().getKind()).as(name).isNotBlank();
        }
    }

    @Test
    void gitRepositoryIsDefaultedPrunedAndReadBack() {
        String ns = namespace("read");
        var created = gitRepositories(ns).resource(gitRepository("podinfo", Map.of(
                "url", "https://github.com/stefanprodan/podinfo", "interval", "1m", "notInTheSchema", "dropped"))).create();

        var read = gitRepositories(ns).withName("podinfo").get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) read.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("url", "https://github.com/stefanprodan/podinfo")
                .containsEntry("interval", "1m")
                .containsEntry("timeout", "60s")
                .doesNotContainKey("notInTheSchema");
        assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void gitRepositoryFailingTheSchemaIsRefusedNamingTheField() {
        String ns = namespace("invalid");
        assertThatThrownBy(() -> gitRepositories(ns).resource(gitRepository("bad", Map.of("url", "ftp://example.org/repo",
                "interval", "1m"))).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("spec.url");
                });
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        String ns = namespace("status");
        gitRepositories(ns).resource(gitRepository("app", Map.of("url", "https://example.org/app.git", "interval", "1m"))).create();

        var withStatus = gitRepositories(ns).withName("app").get();
        withStatus.getAdditionalProperties().put("status", Map.of("observedGeneration", 1,
                "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Succeeded",
                        "message", "stored", "lastTransitionTime", "2026-01-01T00:00:00Z"))));
        gitRepositories(ns).resource(withStatus).update();
        // only the CRD's default (observedGeneration: -1, as in Flux's CRD) is there: the update's status was dropped
        assertThat(gitRepositories(ns).withName("app").get().getAdditionalProperties().get("status"))
                .isEqualTo(Map.of("observedGeneration", -1));

        var current = gitRepositories(ns).withName("app").get();
        current.getAdditionalProperties().put("status", withStatus.getAdditionalProperties().get("status"));
        gitRepositories(ns).resource(current).updateStatus();
        var afterStatus = gitRepositories(ns).withName("app").get();
        assertThat(afterStatus.getAdditionalProperties().get("status").toString()).contains("Succeeded");
        assertThat(afterStatus.getMetadata().getGeneration()).as("a status write keeps the generation").isEqualTo(1L);

        gitRepositories(ns).withName("app").edit(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
            spec.put("interval", "5m");
            return r;
        });
        var afterSpec = gitRepositories(ns).withName("app").get();
        assertThat(afterSpec.getMetadata().getGeneration()).as("a spec change bumps the generation").isEqualTo(2L);
        assertThat(afterSpec.getAdditionalProperties().get("status").toString()).contains("Succeeded");
    }

    @Test
    void namespaceDeletionIsFinishedByTheNamespaceController() {
        String ns = namespace("doomed");
        client.configMaps().inNamespace(ns).resource(configMap("data", null)).create();
        gitRepositories(ns).resource(gitRepository("repo", Map.of("url", "https://example.org/repo.git", "interval", "1m"))).create();

        client.namespaces().withName(ns).delete();

        eventually("namespace " + ns + " gone", () -> client.namespaces().withName(ns).get() == null);
        assertThat(gitRepositories(ns).list().getItems()).isEmpty();
    }

    @Test
    void garbageCollectorDeletesDependentsOfADeletedOwner() {
        String ns = namespace("gc");
        ConfigMap owner = client.configMaps().inNamespace(ns).resource(configMap("owner", null)).create();
        client.configMaps().inNamespace(ns).resource(configMap("dependent", owner)).create();

        client.configMaps().inNamespace(ns).withName("owner").delete();

        eventually("dependent collected", () -> client.configMaps().inNamespace(ns).withName("dependent").get() == null);
    }

    @Test
    void serviceAccountTokensAreIssuedAndAuthenticate() {
        String ns = namespace("tokens");
        eventually("default service account", () -> client.serviceAccounts().inNamespace(ns).withName("default").get() != null);
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("default-token")
                .addToAnnotations("kubernetes.io/service-account.name", "default").endMetadata()
                .withType("kubernetes.io/service-account-token").build()).create();

        eventually("token filled in by the token controller", () -> {
            var secret = client.secrets().inNamespace(ns).withName("default-token").get();
            return secret.getData() != null && secret.getData().containsKey("token");
        });
        String token = new String(Base64.getDecoder().decode(
                client.secrets().inNamespace(ns).withName("default-token").get().getData().get("token")), StandardCharsets.UTF_8);

        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(plane.url()).withOauthToken(token)
                .withCaCertData(client.getConfiguration().getCaCertData()).build();
        try (KubernetesClient serviceAccount = new KubernetesClientBuilder().withConfig(config).build()) {
            // authenticated (not 401) as a service account that RBAC grants nothing (403)
            assertThatThrownBy(() -> serviceAccount.configMaps().inNamespace(ns).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("system:serviceaccount:" + ns + ":default");
                    });
        }
    }

    @Test
    void kubectlListsGitRepositoriesWithTheKubeconfig() throws Exception {
        String ns = namespace("kubectl");
        gitRepositories(ns).resource(gitRepository("seen-by-kubectl", Map.of("url", "https://example.org/k.git",
                "interval", "1m"))).create();

        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", plane.kubeconfig().toString(),
                "get", "gitrepositories", "-A").redirectErrorStream(true).start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(kubectl.exitValue()).as(out).isZero();
        assertThat(out).contains("NAMESPACE", "URL", "READY").containsPattern(ns + "\\s+seen-by-kubectl\\s+https://example.org/k.git");
    }

    @Test
    void serverReportsThePinnedKubernetesVersion() {
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(plane.kubernetesVersion());
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> gitRepositories(String ns) {
        return client.genericKubernetesResources(GIT_REPOSITORIES).inNamespace(ns);
    }

    private static GenericKubernetesResource gitRepository(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion("source.toolkit.fluxcd.io/v1").withKind("GitRepository")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", new HashMap<>(spec)).build();
    }

    private static ConfigMap configMap(String name, ConfigMap owner) {
        var builder = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v");
        if (owner != null) {
            builder.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap")
                    .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).endOwnerReference().endMetadata();
        }
        return builder.build();
    }

    private static String namespace(String purpose) {
        String name = purpose + "-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    private static List<Path> crdFiles() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path crds = dir.resolve("k8s/crds");
            if (Files.isDirectory(crds)) {
                try (Stream<Path> files = Files.list(crds)) {
                    return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("k8s/crds not found above " + Path.of("").toAbsolutePath());
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not so after " + WAIT.toSeconds() + "s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
