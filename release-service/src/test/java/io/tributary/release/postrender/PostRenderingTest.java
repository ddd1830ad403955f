package io.tributary.release.postrender;

import static io.tributary.release.postrender.PostRenderDigestTest.image;
import static io.tributary.release.postrender.PostRenderDigestTest.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The post-renderers through the installed kubectl's Kustomize, on rendered documents (no API server needed). */
class PostRenderingTest {

    static final KubectlKustomize KUSTOMIZE = KubectlKustomize.installed();

    static final String RENDERED = """
            ---
            # Source: shop/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: nginx:1.25
            ---
            # Source: shop/templates/settings.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              on: "yes"
              mode: plain
            ---
            # Source: shop/templates/migrate.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: migrate
              annotations:
                helm.sh/hook: pre-install
            data:
              step: "1"
            """;

    static PostRenderer kustomize(List<PostRenderer.Patch> patches, List<PostRenderer.Image> images) {
        PostRenderer r = new PostRenderer();
        r.kustomize = new PostRenderer.Kustomize();
        r.kustomize.patches = patches;
        r.kustomize.images = images;
        return r;
    }

    static HelmReleaseSpec.Selector kind(String kind) {
        HelmReleaseSpec.Selector s = new HelmReleaseSpec.Selector();
        s.kind = kind;
        return s;
    }

    static PostRendering rendering(List<PostRenderer> postRenderers, HelmReleaseSpec.CommonMetadata metadata, String strategy) {
        List<PostRendering.Step> steps = new ArrayList<>();
        for (int i = 0; i < postRenderers.size(); i++) {
            steps.add(new PostRendering.Step("spec.postRenderers[" + i + "].kustomize", postRenderers.get(i).kustomize));
        }
        return new PostRendering(steps, metadata, PostRendering.originLabels("apps", "shop"), strategy, KUSTOMIZE);
    }

    static Map<String, RenderedDocument> byName(List<RenderedDocument> documents) {
        Map<String, RenderedDocument> named = new java.util.LinkedHashMap<>();
        documents.forEach(d -> named.put(d.kind() + "/" + d.name(), d));
        return named;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(RenderedDocument d, String... path) {
        Object node = d.object();
        for (String p : path) {
            node = ((Map<String, Object>) node).get(p);
        }
        return (Map<String, Object>) node;
    }

    @Test
    void withoutPostRenderersEveryObjectAndHookGetsTheOriginLabelsAndKeepsItsTemplate() throws Exception {
        List<RenderedDocument> out = rendering(List.of(), null, null).render(ManifestDocuments.split(RENDERED));

        assertThat(out).extracting(RenderedDocument::path).containsExactly("shop/templates/deployment.yaml",
                "shop/templates/migrate.yaml", "shop/templates/settings.yaml");
        assertThat(out).allSatisfy(d -> assertThat(d.metadata().get("labels")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("helm.toolkit.fluxcd.io/name", "shop")
                .containsEntry("helm.toolkit.fluxcd.io/namespace", "apps"));
        assertThat(out).allSatisfy(d -> assertThat(d.content()).doesNotContain(Kustomization.FILENAME_ANNOTATION));
        // labels on metadata only: the pod template and the selector are left alone
        RenderedDocument web = byName(out).get("Deployment/web");
        assertThat(at(web, "spec", "template", "metadata", "labels")).isEqualTo(Map.of("app", "web"));
        assertThat(at(web, "spec", "selector", "matchLabels")).isEqualTo(Map.of("app", "web"));
        assertThat(byName(out).get("ConfigMap/migrate").annotations()).isEqualTo(Map.of("helm.sh/hook", "pre-install"));
        // YAML as Kustomize reads it: the quoted "yes" stays a string
        assertThat(at(byName(out).get("ConfigMap/settings"), "data")).containsEntry("on", "yes");
    }

    @Test
    void patchesOfEachKindAndImagesChangeTheirTargets() throws Exception {
        PostRenderer r = kustomize(List.of(
                patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n", null),
                patch("- op: add\n  path: /data/extra\n  value: added\n", kind("ConfigMap"))),
                List.of(image("nginx", "registry.example/nginx", "1.27", null)));

        Map<String, RenderedDocument> out = byName(rendering(List.of(r), null, null).render(ManifestDocuments.split(RENDERED)));

        assertThat(at(out.get("Deployment/web"), "spec")).containsEntry("replicas", 3);
        assertThat(out.get("Deployment/web").content()).contains("image: registry.example/nginx:1.27");
        assertThat(at(out.get("ConfigMap/settings"), "data")).containsEntry("extra", "added");
        // combined (Helm 4's default): the hook is in the stream too
        assertThat(at(out.get("ConfigMap/migrate"), "data")).containsEntry("extra", "added");
    }

    @Test
    void postRenderersRunInListOrderThenCommonMetadataThenOriginLabels() throws Exception {
        PostRenderer first = kustomize(List.of(patch("- op: add\n  path: /data/stage\n  value: first\n", kind("ConfigMap"))), null);
        // fails unless the first one ran before it
        PostRenderer second = kustomize(List.of(patch("- op: test\n  path: /data/stage\n  value: first\n"
                + "- op: replace\n  path: /data/stage\n  value: second\n", kind("ConfigMap"))), null);
        HelmReleaseSpec.CommonMetadata metadata = new HelmReleaseSpec.CommonMetadata();
        metadata.labels = Map.of("stage", "common", "team", "shop", "helm.toolkit.fluxcd.io/name", "other");
        metadata.annotations = Map.of("owner", "shop-team");

        Map<String, RenderedDocument> out = byName(rendering(List.of(first, second), metadata, null)
                .render(ManifestDocuments.split(RENDERED)));

        assertThat(at(out.get("ConfigMap/settings"), "data")).containsEntry("stage", "second");
        // the origin labels come last and win over a common label of the same key
        assertThat(at(out.get("ConfigMap/settings"), "metadata", "labels")).isEqualTo(Map.of("stage", "common", "team", "shop",
                "helm.toolkit.fluxcd.io/name", "shop", "helm.toolkit.fluxcd.io/namespace", "apps"));
        assertThat(out.values()).allSatisfy(d -> assertThat(d.annotations()).containsEntry("owner", "shop-team"));
        assertThat(at(out.get("Deployment/web"), "spec", "template", "metadata")).doesNotContainKey("annotations");
    }

    @Test
    void nohooksLeavesHooksAsRendered() throws Exception {
        PostRenderer r = kustomize(List.of(patch("- op: add\n  path: /data/extra\n  value: added\n", kind("ConfigMap"))), null);
        List<RenderedDocument> rendered = ManifestDocuments.split(RENDERED);

        Map<String, RenderedDocument> out = byName(rendering(List.of(r), null, PostRendering.NO_HOOKS).render(rendered));

        assertThat(out.get("ConfigMap/migrate")).isEqualTo(byName(rendered).get("ConfigMap/migrate"));
        assertThat(at(out.get("ConfigMap/settings"), "data")).containsEntry("extra", "added");
    }

    @Test
    void separateAllowsTheSameObjectAsHookAndTemplateWhereCombinedFails() throws Exception {
        String both = RENDERED + """
                ---
                # Source: shop/templates/account.yaml
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: worker
                ---
                # Source: shop/templates/account-hook.yaml
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: worker
                  annotations:
                    helm.sh/hook: pre-install
                """;

        List<RenderedDocument> out = rendering(List.of(), null, PostRendering.SEPARATE).render(ManifestDocuments.split(both));

        assertThat(out).filteredOn(d -> d.name().equals("worker")).extracting(RenderedDocument::path)
                .containsExactly("shop/templates/account-hook.yaml", "shop/templates/account.yaml");
        assertThatThrownBy(() -> rendering(List.of(), null, null).render(ManifestDocuments.split(both)))
                .hasMessageStartingWith("error while running post render on files: origin labels: ")
                .hasMessageContaining("ServiceAccount").hasMessageContaining("worker");
    }

    @Test
    void aMalformedPatchFailsNamingItsPostRendererAndKustomizesMessage() {
        PostRenderer good = kustomize(null, List.of(image("nginx", null, "1.27", null)));
        PostRenderer bad = kustomize(List.of(patch("{{{ not yaml", kind("ConfigMap"))), null);

        assertThatThrownBy(() -> rendering(List.of(good, bad), null, null).render(ManifestDocuments.split(RENDERED)))
                .isInstanceOf(PostRendering.PostRenderFailure.class)
                .hasMessageStartingWith("error while running post render on files: spec.postRenderers[1].kustomize: ")
                .hasMessageContaining("unable to parse SM or JSON patch");
    }

    @Test
    void aStrategicMergePatchMatchingNothingFails() {
        PostRenderer r = kustomize(List.of(patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: absent\nspec:\n  replicas: 2\n",
                null)), null);

        assertThatThrownBy(() -> rendering(List.of(r), null, PostRendering.SEPARATE).render(ManifestDocuments.split(RENDERED)))
                .hasMessageStartingWith("error while running post render on hooks: spec.postRenderers[0].kustomize: ")
                .hasMessageContaining("no resource matches strategic merge patch \"Deployment.v1.apps/absent.[noNs]\"");
    }

    @Test
    void theBuildDirectoryIsRemovedAndAMissingKubectlIsAClearFailure() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var s = Files.list(tmp)) {
            before = s.filter(p -> p.getFileName().toString().startsWith("post-render-")).count();
        }
        rendering(List.of(), null, null).render(ManifestDocuments.split(RENDERED));
        try (var s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("post-render-")).count()).isLessThanOrEqualTo(before);
        }
        PostRendering missing = new PostRendering(List.of(), null, PostRendering.originLabels("apps", "shop"), null,
                new KubectlKustomize("/nonexistent/kubectl", KubectlKustomize.DEFAULT_TIMEOUT, 1 << 20));
        assertThatThrownBy(() -> missing.render(ManifestDocuments.split(RENDERED)))
                .hasMessageStartingWith("error while running post render on files: origin labels: cannot run /nonexistent/kubectl kustomize");
    }

    @Test
    void outputBeyondTheBoundFails() {
        PostRendering small = new PostRendering(List.of(), null, PostRendering.originLabels("apps", "shop"), null,
                new KubectlKustomize(KubectlKustomize.installed().binary(), KubectlKustomize.DEFAULT_TIMEOUT, 100));

        assertThatThrownBy(() -> small.render(ManifestDocuments.split(RENDERED))).hasMessageContaining("output exceeds 100 bytes");
    }
}
