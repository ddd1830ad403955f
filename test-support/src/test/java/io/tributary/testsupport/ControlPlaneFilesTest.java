package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of the control plane launcher: go.mod reading, the source digest, the kubeconfig. */
class ControlPlaneFilesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "require k8s.io/kubernetes v1.33.13                                  | v1.33.13",
        "'require (\n\tgo.etcd.io/etcd/server/v3 v3.5.21\n\tk8s.io/kubernetes v1.33.13\n)' | v1.33.13",
        "'require (\n\tk8s.io/kubernetes v1.34.0-beta.1 // indirect\n)'      | v1.34.0-beta.1",
    })
    void kubernetesVersionIsReadFromGoMod(String goMod, String expected) {
        assertThat(ControlPlaneBinaries.kubernetesVersion(goMod.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(expected.strip());
    }

    @Test
    void goModWithoutKubernetesIsRefused() {
        assertThatThrownBy(() -> ControlPlaneBinaries.kubernetesVersion("module x\n\treplace k8s.io/kubernetes/foo => ./foo\n"))
                .hasMessageContaining("k8s.io/kubernetes");
    }

    @Test
    void sourceDigestChangesWithAnyMainPackage(@TempDir Path source) throws Exception {
        Files.writeString(source.resolve("go.mod"), "module m\n");
        Files.writeString(source.resolve("go.sum"), "");
        Files.writeString(source.resolve("build.sh"), "go build\n");
        Files.createDirectories(source.resolve("cmd/etcd"));
        Files.writeString(source.resolve("cmd/etcd/main.go"), "package main\n");
        String before = ControlPlaneBinaries.sourceHash(source);

        assertThat(ControlPlaneBinaries.sourceHash(source)).isEqualTo(before).hasSize(12);
        Files.writeString(source.resolve("cmd/etcd/main.go"), "package main\n// changed\n");
        assertThat(ControlPlaneBinaries.sourceHash(source)).isNotEqualTo(before);
    }

    @Test
    void kubeconfigCarriesServerCertificatesAndNamespace() {
        String yaml = Kubeconfig.render("https://127.0.0.1:6443", "CA PEM\n", "CERT PEM\n", "KEY PEM\n", "team-a");

        Config config = Config.fromKubeconfig(yaml);

        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
        assertThat(config.getNamespace()).isEqualTo("team-a");
        assertThat(decode(config.getCaCertData())).isEqualTo("CA PEM\n");
        assertThat(decode(config.getClientCertData())).isEqualTo("CERT PEM\n");
        assertThat(decode(config.getClientKeyData())).isEqualTo("KEY PEM\n");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
