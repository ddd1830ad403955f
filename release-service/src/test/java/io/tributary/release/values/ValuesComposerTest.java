package io.tributary.release.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.testsupport.SharedServers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** valuesFrom against the real API server: order, targetPath as Helm's --set, literal values, optional references, errors. */
class ValuesComposerTest {

    private static final String NS = "values-compose";
    private static KubernetesClient client;
    private static ValuesComposer composer;

    @BeforeAll
    static void start() {
        client = SharedServers.controlPlane().client();
        if (client.namespaces().withName(NS).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        }
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata()
                .addToData("values.yaml", "image:\n  repository: nginx\n  tag: '1.0'\nreplicas: 1\nports: [{name: http}, {name: metrics}]\n")
                .addToData("tag", "1.25.3")
                .addToData("replicas", "3")
                .addToData("quoted", "'42'")
                .addToData("literal", "a,b[0]={x}")
                .addToData("flag", "true")
                .build()).serverSideApply();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                .addToStringData("password", "s3cret").build()).serverSideApply();
        composer = new ValuesComposer();
        composer.client = client;
    }

    private static HelmReleaseSpec.ValuesReference ref(String kind, String name, String key, String targetPath) {
        HelmReleaseSpec.ValuesReference ref = new HelmReleaseSpec.ValuesReference();
        ref.kind = kind;
        ref.name = name;
        ref.valuesKey = key;
        ref.targetPath = targetPath;
        return ref;
    }

    private static HelmReleaseSpec spec(Map<String, Object> values, HelmReleaseSpec.ValuesReference... refs) {
        HelmReleaseSpec spec = new HelmReleaseSpec();
        spec.valuesFrom = new ArrayList<>(List.of(refs));
        spec.values = values;
        return spec;
    }

    @Test
    @SuppressWarnings("unchecked")
    void referencesInOrderThenTargetPathsThenInlineValues() throws Exception {
        HelmReleaseSpec.ValuesReference literal = ref("ConfigMap", "app", "literal", "note");
        literal.literal = true;
        Map<String, Object> values = composer.compose(NS, spec(Map.of("replicas", 5),
                ref("ConfigMap", "app", null, null),
                ref("ConfigMap", "app", "tag", "image.tag"),
                ref("ConfigMap", "app", "replicas", "replicas"),
                ref("ConfigMap", "app", "replicas", "ports[1].port"),
                ref("ConfigMap", "app", "quoted", "quoted"),
                ref("ConfigMap", "app", "flag", "podAnnotations.prometheus\\.io/scrape"),
                ref("Secret", "creds", "password", "auth.password"),
                literal));
        assertThat((Map<String, Object>) values.get("image")).containsEntry("repository", "nginx").containsEntry("tag", "1.25.3");
        assertThat(values.get("replicas")).isEqualTo(5); // inline values win over every reference
        assertThat((List<Object>) values.get("ports")).containsExactly(Map.of("name", "http"), Map.of("name", "metrics", "port", 3L));
        assertThat(values.get("quoted")).isEqualTo("42");
        assertThat((Map<String, Object>) values.get("podAnnotations")).containsEntry("prometheus.io/scrape", true);
        assertThat((Map<String, Object>) values.get("auth")).containsEntry("password", "s3cret");
        assertThat(values.get("note")).isEqualTo("a,b[0]={x}");
    }

    @Test
    void optionalReferencesSkipOnlyWhatIsAbsent() throws Exception {
        HelmReleaseSpec.ValuesReference missingObject = ref("ConfigMap", "nope", null, null);
        missingObject.optional = true;
        HelmReleaseSpec.ValuesReference missingKey = ref("Secret", "creds", "absent", "x");
        missingKey.optional = true;
        assertThat(composer.compose(NS, spec(Map.of("a", 1), missingObject, missingKey))).isEqualTo(Map.of("a", 1));
    }

    @Test
    void badReferencesNameTheFieldTheObjectAndTheKey() {
        assertThatThrownBy(() -> composer.compose(NS, spec(null, ref("ConfigMap", "app", null, null), ref("ConfigMap", "gone", null, null))))
                .isInstanceOf(ValuesComposer.ValuesException.class)
                .hasMessage("spec.valuesFrom[1]: could not resolve ConfigMap chart values reference 'values-compose/gone' with key "
                        + "'values.yaml': resource not found");
        assertThatThrownBy(() -> composer.compose(NS, spec(null, ref("Secret", "creds", "token", null))))
                .isInstanceOf(ValuesComposer.ValuesException.class)
                .hasMessage("spec.valuesFrom[0].valuesKey: could not resolve Secret chart values reference 'values-compose/creds' with key "
                        + "'token': key not found");
        // the path runs into a string the values already hold
        assertThatThrownBy(() -> composer.compose(NS, spec(new LinkedHashMap<>(Map.of("image", "nginx")),
                ref("ConfigMap", "app", "tag", "image.tag"))))
                .isInstanceOf(ValuesComposer.ValuesException.class)
                .hasMessageStartingWith("spec.valuesFrom[0].targetPath: could not resolve ConfigMap chart values reference "
                        + "'values-compose/app' with key 'tag': failed to merge value: unable to parse key: ");
        assertThatThrownBy(() -> composer.compose(NS, spec(null, ref("ConfigMap", "app", "tag", null))))
                .isInstanceOf(ValuesComposer.ValuesException.class).hasMessageContaining("failed to read values data");
    }
}
