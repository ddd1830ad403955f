package io.tributary.release.postrender;

import static io.tributary.release.postrender.PostRenderDigestTest.image;
import static io.tributary.release.postrender.PostRenderDigestTest.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kustomization written for a post-renderer, as helm-controller's {@code postrender.Kustomize} builds its own. */
class PostRenderKustomizationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    @Test
    void aStrategicMergePatchIsPassedAsWrittenWithItsTarget() throws Exception {
        HelmReleaseSpec.Selector target = new HelmReleaseSpec.Selector();
        target.group = "apps";
        target.version = "v1";
        target.kind = "Deployment";
        target.name = "web-.*";
        target.namespace = "shop";
        target.labelSelector = "tier=front";
        target.annotationSelector = "team=a";
        PostRenderer.Kustomize k = new PostRenderer.Kustomize();
        k.patches = List.of(patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n", target));

        assertThat(json(Kustomization.of(List.of("helm-output.yaml"), k, List.of()))).isEqualTo("{\"apiVersion\":\"kustomize.config.k8s.io/v1beta1\","
                + "\"kind\":\"Kustomization\",\"sortOptions\":{\"order\":\"fifo\"},\"resources\":[\"helm-output.yaml\"],"
                + "\"patches\":[{\"patch\":\"apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: web\\nspec:\\n  replicas: 3\\n\","
                + "\"target\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\",\"name\":\"web-.*\",\"namespace\":\"shop\","
                + "\"labelSelector\":\"tier=front\",\"annotationSelector\":\"team=a\"}}]}");
    }

    @Test
    void aJson6902PatchAndAPatchWithoutTargetAreLeftToKustomizeToTellApart() throws Exception {
        HelmReleaseSpec.Selector target = new HelmReleaseSpec.Selector();
        target.kind = "ConfigMap";
        PostRenderer.Kustomize k = new PostRenderer.Kustomize();
        k.patches = List.of(patch("- op: add\n  path: /data/extra\n  value: \"1\"\n", target),
                patch("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n", null),
                patch("- op: remove\n  path: /spec\n", new HelmReleaseSpec.Selector()));

        assertThat(json(Kustomization.of(List.of("helm-output.yaml"), k, List.of()).get("patches"))).isEqualTo(
                "[{\"patch\":\"- op: add\\n  path: /data/extra\\n  value: \\\"1\\\"\\n\",\"target\":{\"kind\":\"ConfigMap\"}},"
                        + "{\"patch\":\"apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: settings\\n\"},"
                        // an empty selector selects every resource, as in helm-controller
                        + "{\"patch\":\"- op: remove\\n  path: /spec\\n\",\"target\":{}}]");
    }

    @Test
    void imagesKeepOnlyTheFieldsSet() throws Exception {
        PostRenderer.Kustomize k = new PostRenderer.Kustomize();
        k.images = List.of(image("nginx", null, "1.27", null), image("busybox", "registry.example/busybox", "", "sha256:0123"));

        Map<String, Object> kustomization = Kustomization.of(List.of("helm-output.yaml"), k, List.of("origin-labels.yaml"));

        assertThat(json(kustomization.get("images"))).isEqualTo("[{\"name\":\"nginx\",\"newTag\":\"1.27\"},"
                + "{\"name\":\"busybox\",\"newName\":\"registry.example/busybox\",\"digest\":\"sha256:0123\"}]");
        assertThat(kustomization).doesNotContainKey("patches").containsEntry("transformers", List.of("origin-labels.yaml"));
    }

    @Test
    void labelsAndAnnotationsGoOnMetadataOnlyAsHelmControllersTransformers() throws Exception {
        assertThat(json(Kustomization.labelTransformer("origin-labels", PostRendering.originLabels("apps", "shop"))))
                .isEqualTo("{\"apiVersion\":\"builtin\",\"kind\":\"LabelTransformer\",\"metadata\":{\"name\":\"origin-labels\"},"
                        + "\"labels\":{\"helm.toolkit.fluxcd.io/name\":\"shop\",\"helm.toolkit.fluxcd.io/namespace\":\"apps\"},"
                        + "\"fieldSpecs\":[{\"path\":\"metadata/labels\",\"create\":true}]}");
        assertThat(json(Kustomization.annotationTransformer("common-annotations", Map.of("team", "a"))))
                .isEqualTo("{\"apiVersion\":\"builtin\",\"kind\":\"AnnotationsTransformer\",\"metadata\":{\"name\":\"common-annotations\"},"
                        + "\"annotations\":{\"team\":\"a\"},\"fieldSpecs\":[{\"path\":\"metadata/annotations\",\"create\":true}]}");
    }
}
