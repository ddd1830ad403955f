package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CrdCorrections} on the CRDs of {@code k8s/crds} as generated. */
class CrdCorrectionsTest {

    private static CustomResourceDefinition load(String file) throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        return Serialization.unmarshal(Files.readString(root.resolve("k8s/crds").resolve(file)), CustomResourceDefinition.class);
    }

    @ParameterizedTest(name = "{0}: {1} correction(s)")
    @CsvSource({
            "helm.toolkit.fluxcd.io_helmreleases.yaml, 1",
            "notification.toolkit.fluxcd.io_receivers.yaml, 0",
            "source.toolkit.fluxcd.io_buckets.yaml, 0",
            "source.toolkit.fluxcd.io_gitrepositories.yaml, 0",
            "source.toolkit.fluxcd.io_helmcharts.yaml, 0",
            "source.toolkit.fluxcd.io_helmrepositories.yaml, 0"})
    void onlyHelmReleaseValuesIsCorrectedAndOnlyOnce(String file, int corrections) throws Exception {
        CustomResourceDefinition crd = load(file);
        String before = Serialization.asYaml(crd);
        assertThat(CrdCorrections.correct(crd)).hasSize(corrections);
        if (corrections == 0) {
            assertThat(Serialization.asYaml(crd)).isEqualTo(before);
            return;
        }
        JSONSchemaProps values = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getProperties().get("values");
        assertThat(values.getAdditionalProperties()).isNull();
        assertThat(values.getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(values.getType()).isEqualTo("object");
        String corrected = Serialization.asYaml(crd);
        assertThat(CrdCorrections.correct(crd)).as("a corrected CRD needs nothing more").isEmpty();
        assertThat(Serialization.asYaml(crd)).isEqualTo(corrected);
    }
}
