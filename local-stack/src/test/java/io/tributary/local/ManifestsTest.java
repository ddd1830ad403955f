package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every manifest under k8s/ parses into named Kubernetes objects, and kustomization lists files that exist. */
class ManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("tributary.root", "..")).resolve("k8s");

    @Test
    void everyManifestIsAKubernetesObjectWithKindAndName() throws Exception {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.walk(K8S)) {
            List<Path> manifests = files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).toList();
            assertThat(manifests).hasSizeGreaterThan(8);
            for (Path file : manifests) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = serialization.unmarshal(in);
                    List<?> objects = parsed instanceof List<?> list ? list
                            : parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList kl ? kl.getItems() : List.of(parsed);
                    assertThat(objects).as(file.toString()).isNotEmpty();
                    for (Object object : objects) {
                        HasMetadata resource = (HasMetadata) object;
                        assertThat(resource.getKind()).as(file.toString()).isNotBlank();
                        assertThat(resource.getMetadata().getName()).as(file.toString()).isNotBlank();
                    }
                }
            }
        }
    }

    @Test
    void theKustomizationListsExistingFiles() throws Exception {
        for (String line : Files.readAllLines(K8S.resolve("kustomization.yaml"))) {
            if (line.trim().startsWith("- ")) {
                assertThat(K8S.resolve(line.trim().substring(2))).exists();
            }
        }
    }
}
