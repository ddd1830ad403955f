package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm itself, through {@link HelmClient}, against the real control plane: install, upgrade, list, history, status,
 * get values and uninstall of the demo chart, with the release kept where Helm's Secret storage driver keeps it.
 */
class HelmClientTest {

    private static KubernetesClient client;
    private static HelmClient helm;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        ControlPlane plane = SharedServers.controlPlane();
        client = plane.client();
        helm = new HelmClient(plane.kubeconfig());
    }

    @Test
    void installUpgradeAndUninstallAreStoredAsHelmStoresThem() {
        String ns = namespace("helm");
        Path chart = HelmClient.demoChart(dir);

        Release installed = helm.install(chart, "demo", ns, Map.of("message", "first"));
        assertThat(installed.getStatus()).isEqualTo("deployed");
        assertThat(installed.getRevision()).isEqualTo("1");
        assertThat(client.configMaps().inNamespace(ns).withName("demo-settings").get().getData())
                .containsEntry("message", "first").containsEntry("chartVersion", "0.1.0");
        assertThat(client.services().inNamespace(ns).withName("demo").get().getSpec().getClusterIP())
                .as("the API server allocated a cluster IP").isNotBlank();

        Release upgraded = helm.upgrade(chart, "demo", ns, Map.of("message", "second", "replicas", 3));
        assertThat(upgraded.getStatus()).isEqualTo("deployed");
        assertThat(upgraded.getRevision()).isEqualTo("2");
        assertThat(client.configMaps().inNamespace(ns).withName("demo-settings").get().getData())
                .containsEntry("message", "second").containsEntry("replicas", "3");

        List<Release> releases = helm.list(ns);
        assertThat(releases).extracting(Release::getName, Release::getRevision, Release::getStatus, Release::getChart)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("demo", "2", "deployed", "demo-0.1.0"));

        List<ReleaseHistory> history = helm.history("demo", ns);
        assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus, ReleaseHistory::getDescription)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "superseded", "Install complete"),
                        org.assertj.core.groups.Tuple.tuple(2, "deployed", "Upgrade complete"));

        assertThat(helm.status("demo", ns).getRevision()).isEqualTo("2");
        assertThat(helm.status("demo", ns, 1).getStatus()).isEqualTo("superseded");
        assertThat(helm.values("demo", ns, false)).contains("message: second", "replicas: 3").doesNotContain("color");
        assertThat(helm.values("demo", ns, true)).contains("message: second", "color: blue");

        for (int revision : List.of(1, 2)) {
            Secret stored = client.secrets().inNamespace(ns).withName(HelmClient.releaseSecretName("demo", revision)).get();
            assertThat(stored).as("revision %d stored as a Secret", revision).isNotNull();
            assertThat(stored.getType()).isEqualTo("helm.sh/release.v1");
            assertThat(stored.getMetadata().getLabels()).containsEntry("owner", "helm").containsEntry("name", "demo")
                    .containsEntry("version", String.valueOf(revision))
                    .containsEntry("status", revision == 1 ? "superseded" : "deployed");
            assertThat(stored.getData()).containsKey("release");
        }

        assertThat(helm.uninstall("demo", ns, false)).contains("demo");
        assertThat(helm.list(ns)).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withLabel("owner", "helm").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(ns).withName("demo-settings").get()).isNull();
    }

    @Test
    void uninstallKeepingHistoryLeavesTheReleaseUninstalled() {
        String ns = namespace("helm-keep");
        Path chart = HelmClient.demoChart(dir);
        helm.install(chart, "kept", ns, Map.of());

        helm.uninstall("kept", ns, true);

        assertThat(helm.list(ns)).extracting(Release::getName, Release::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kept", "uninstalled"));
        assertThat(client.secrets().inNamespace(ns).withName(HelmClient.releaseSecretName("kept", 1)).get()
                .getMetadata().getLabels()).containsEntry("status", "uninstalled");
    }

    @Test
    void secondInstallOfTheSameNameIsRefusedByHelm() {
        String ns = namespace("helm-twice");
        Path chart = HelmClient.demoChart(dir);
        helm.install(chart, "once", ns, Map.of());

        assertThatThrownBy(() -> helm.install(chart, "once", ns, Map.of()))
                .hasMessageContaining("cannot re-use a name that is still in use");
        assertThat(helm.history("once", ns)).hasSize(1);
    }

    private static String namespace(String purpose) {
        String name = purpose + "-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }
}
