package io.tributary.release.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Conditions;
import io.tributary.release.action.ReleaseEvents;
import io.tributary.release.action.ReleaseRequest;
import io.tributary.release.chart.ChartRenderer;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.plan.ReleaseOptions;
import io.tributary.release.storage.ReleaseStorage;
import io.tributary.testsupport.ControlPlane;
import io.tributary.testsupport.SharedServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases made as another identity and into another cluster, on real API servers: {@code spec.serviceAccountName}
 * impersonates the ServiceAccount for every request of the actions (its RBAC decides), {@code spec.kubeConfig.secretRef}
 * puts the objects and the Helm storage into a second cluster; bad kubeconfig Secrets are named in the status.
 */
class ReleaseClustersTest {

    private static final String NS = "identities";

    @TempDir
    static Path dir;
    static KubernetesClient local;
    static ControlPlane remote;
    static ReleaseClusters clusters;

    @BeforeAll
    static void start() {
        local = SharedServers.controlPlane().client();
        local.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        // "deployer" may manage ConfigMaps and Secrets (Helm storage) in the namespace; "bystander" may do nothing
        for (String account : List.of("deployer", "bystander")) {
            local.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName(account)
                    .endMetadata().build()).create();
        }
        local.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("deployer").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps", "secrets").withVerbs("*").build())
                .build()).create();
        local.rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata().withName("deployer")
                .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("deployer")
                .endRoleRef().addNewSubject().withKind("ServiceAccount").withName("deployer").withNamespace(NS).endSubject()
                .build()).create();
        clusters = new ReleaseClusters(local, new HelmEngine(), ReleaseEvents.NONE,
                io.tributary.release.postrender.KubectlKustomize.installed(), Optional.empty(), 4);
    }

    @AfterAll
    static void stop() {
        clusters.close();
        if (remote != null) {
            remote.close();
        }
    }

    private static HelmRelease release(String name) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace(NS);
        release.getMetadata().setGeneration(1L);
        release.setSpec(new HelmReleaseSpec());
        release.getSpec().interval = "5m";
        release.getSpec().timeout = "30s";
        release.setStatus(new HelmReleaseStatus());
        return release;
    }

    private static LoadedChart chart(String name, String version, String message) throws Exception {
        Path chart = Files.createTempDirectory(dir, name);
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                + "-cm\ndata:\n  message: " + message + "\n");
        LoadedChart loaded = LoadedChart.load(chart);
        ChartRenderer.maskHooks(chart);
        return loaded;
    }

    /** One release step as a reconcile runs it, with the run {@link ReleaseClusters} gives the release. */
    private static void reconcile(HelmRelease release, LoadedChart chart) throws Exception {
        ReleaseRequest req = new ReleaseRequest(release, release.getStatus(), chart, new LinkedHashMap<>(),
                ReleaseOptions.of(release.getSpec(), false), ReleaseNames.release(release), ReleaseNames.targetNamespace(release),
                ReleaseNames.storageNamespace(release), Files.createTempDirectory(dir, "work"));
        clusters.runFor(release).release(req, "sha256:" + "0".repeat(64), Duration.ofMinutes(5));
    }

    private static String condition(HelmRelease release, String type) {
        return Conditions.find(release.getStatus().conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static String message(HelmRelease release, String type) {
        return Conditions.find(release.getStatus().conditions, type).map(c -> c.getMessage()).orElse("");
    }

    private static String data(KubernetesClient client, String name) {
        ConfigMap cm = client.configMaps().inNamespace(NS).withName(name).get();
        return cm == null ? null : cm.getData().get("message");
    }

    @Test
    void theServiceAccountsRightsDecideWhatTheReleaseMayDo() throws Exception {
        HelmRelease hr = release("impersonated");
        hr.getSpec().serviceAccountName = "deployer";
        reconcile(hr, chart("impersonated", "1.0.0", "one"));
        assertThat(condition(hr, "Ready")).as(message(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(data(local, "impersonated-cm")).isEqualTo("one");

        // the same release as an account without rights: refused by the API server, naming the account; nothing changes
        hr.getSpec().serviceAccountName = "bystander";
        hr.getMetadata().setGeneration(2L);
        reconcile(hr, chart("impersonated", "1.1.0", "two"));
        assertThat(condition(hr, "Ready")).startsWith("False/");
        assertThat(message(hr, "Ready")).contains("system:serviceaccount:" + NS + ":bystander").contains("forbidden");
        assertThat(data(local, "impersonated-cm")).isEqualTo("one");
        assertThat(new ReleaseStorage(local).history(NS, "impersonated")).extracting(r -> r.version() + ":" + r.status())
                .containsExactly("1:deployed");
    }

    @Test
    void aKubeConfigSecretPutsTheReleaseIntoAnotherCluster() throws Exception {
        remote = ControlPlane.start(dir, 0);
        KubernetesClient there = remote.client();
        there.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        String kubeconfig = Files.readString(remote.kubeconfig());
        local.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("remote-kubeconfig").endMetadata()
                .addToData("value.yaml", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))).build()).create();

        HelmRelease hr = release("faraway");
        hr.getSpec().kubeConfig = new HelmReleaseSpec.KubeConfigReference();
        hr.getSpec().kubeConfig.secretRef = new HelmReleaseSpec.SecretKeyReference();
        hr.getSpec().kubeConfig.secretRef.name = "remote-kubeconfig";
        reconcile(hr, chart("faraway", "1.0.0", "remote"));

        assertThat(condition(hr, "Ready")).as(message(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(data(there, "faraway-cm")).isEqualTo("remote");
        assertThat(new ReleaseStorage(there).history(NS, "faraway")).hasSize(1);
        assertThat(data(local, "faraway-cm")).isNull();
        assertThat(new ReleaseStorage(local).history(NS, "faraway")).isEmpty();
    }

    @Test
    void kubeConfigSecretsThatCannotServeAreNamed() {
        local.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("garbled").endMetadata()
                .addToData("value", Base64.getEncoder().encodeToString("token: s3cr3t\n: [unbalanced".getBytes(StandardCharsets.UTF_8)))
                .build()).create();
        local.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("keyless").endMetadata()
                .addToData("other", Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8))).build()).create();

        assertThatThrownBy(() -> clusters.runFor(remoteRelease("garbled", null)))
                .isInstanceOf(ReleaseClusters.TargetException.class)
                .hasMessageStartingWith("spec.kubeConfig.secretRef: failed to load KubeConfig from secret '" + NS + "/garbled'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        assertThatThrownBy(() -> clusters.runFor(remoteRelease("keyless", null)))
                .hasMessage("spec.kubeConfig.secretRef: KubeConfig secret '" + NS + "/keyless' does not contain a 'value' or "
                        + "'value.yaml' key with data");
        assertThatThrownBy(() -> clusters.runFor(remoteRelease("keyless", "config")))
                .hasMessage("spec.kubeConfig.secretRef.key: KubeConfig secret '" + NS + "/keyless' does not contain a 'config' key with data");
        assertThatThrownBy(() -> clusters.runFor(remoteRelease("absent", null)))
                .satisfies(e -> assertThat(((ReleaseClusters.TargetException) e).missing()).isTrue())
                .hasMessage("spec.kubeConfig.secretRef: could not get KubeConfig secret '" + NS + "/absent': not found");

        HelmRelease workloadIdentity = release("cloud");
        workloadIdentity.getSpec().kubeConfig = new HelmReleaseSpec.KubeConfigReference();
        workloadIdentity.getSpec().kubeConfig.configMapRef = new HelmReleaseSpec.SecretName();
        assertThatThrownBy(() -> clusters.runFor(workloadIdentity))
                .satisfies(e -> assertThat(((ReleaseClusters.TargetException) e).terminal()).isTrue())
                .hasMessageStartingWith("spec.kubeConfig.configMapRef: ");
    }

    private static HelmRelease remoteRelease(String secret, String key) {
        HelmRelease hr = release("bad-" + secret);
        hr.getSpec().kubeConfig = new HelmReleaseSpec.KubeConfigReference();
        hr.getSpec().kubeConfig.secretRef = new HelmReleaseSpec.SecretKeyReference();
        hr.getSpec().kubeConfig.secretRef.name = secret;
        hr.getSpec().kubeConfig.secretRef.key = key;
        return hr;
    }
}
