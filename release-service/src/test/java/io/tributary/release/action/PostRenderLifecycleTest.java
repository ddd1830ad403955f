package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.history;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import io.tributary.api.meta.Conditions;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.postrender.PostRenderDigest;
import io.tributary.release.storage.HelmReleaseRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Post-rendering on the real control plane with the installed kubectl's Kustomize: what is applied and what Helm
 * storage keeps are the post-rendered objects; a change of the post-renderers upgrades; a post-renderer that fails
 * fails the action naming its field, the deployed revision's objects untouched.
 */
class PostRenderLifecycleTest {

    @TempDir
    static Path dir;
    static LifecycleFixture fx;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: 1
              selector:
                matchLabels: {app: {{ .Release.Name }}}
              template:
                metadata:
                  labels: {app: {{ .Release.Name }}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.25
            """;

    private LoadedChart chart(String name) throws Exception {
        return fx.chart(name, "1.0.0", Map.of(
                "deployment.yaml", DEPLOYMENT,
                "settings.yaml", configMap("{{ .Release.Name }}-settings", "  message: {{ .Values.message }}\n")));
    }

    private static HelmRelease quiet(String name) {
        HelmRelease hr = release(name);
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.disableWait = true;
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.disableWait = true;
        return hr;
    }

    private static PostRenderer kustomize(List<PostRenderer.Patch> patches, List<PostRenderer.Image> images) {
        PostRenderer r = new PostRenderer();
        r.kustomize = new PostRenderer.Kustomize();
        r.kustomize.patches = patches;
        r.kustomize.images = images;
        return r;
    }

    private static PostRenderer.Patch patch(String text, String kind) {
        PostRenderer.Patch p = new PostRenderer.Patch();
        p.patch = text;
        if (kind != null) {
            p.target = new HelmReleaseSpec.Selector();
            p.target.kind = kind;
        }
        return p;
    }

    private static PostRenderer.Image image(String name, String newName, String newTag) {
        PostRenderer.Image i = new PostRenderer.Image();
        i.name = name;
        i.newName = newName;
        i.newTag = newTag;
        return i;
    }

    private static String condition(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static String message(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getMessage()).orElse("");
    }

    private static Deployment deployment(String name) {
        return fx.client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static ConfigMap configMapNamed(String name) {
        return fx.client.configMaps().inNamespace(NS).withName(name).get();
    }

    @Test
    void patchesImagesAndCommonMetadataAreAppliedAndStoredAsPostRendered() throws Exception {
        HelmRelease hr = quiet("pr-shaped");
        hr.getSpec().postRenderers = List.of(
                kustomize(List.of(
                        patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pr-shaped-web\nspec:\n  replicas: 3\n", null),
                        patch("- op: add\n  path: /data/extra\n  value: from-json-patch\n", "ConfigMap")),
                        List.of(image("nginx", "registry.example/nginx", "1.27"))),
                // the second post-renderer sees the first one's output
                kustomize(List.of(patch("- op: test\n  path: /data/extra\n  value: from-json-patch\n"
                        + "- op: add\n  path: /data/second\n  value: \"2\"\n", "ConfigMap")), null));
        hr.getSpec().commonMetadata = new HelmReleaseSpec.CommonMetadata();
        hr.getSpec().commonMetadata.labels = Map.of("team", "shop");
        hr.getSpec().commonMetadata.annotations = Map.of("owner", "shop-team");

        fx.reconcile(hr, chart("pr-shaped"), Map.of("message", "one"));

        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        Deployment web = deployment("pr-shaped-web");
        assertThat(web.getSpec().getReplicas()).isEqualTo(3);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/nginx:1.27");
        ConfigMap settings = configMapNamed("pr-shaped-settings");
        assertThat(settings.getData()).containsEntry("message", "one").containsEntry("extra", "from-json-patch").containsEntry("second", "2");
        for (var meta : List.of(web.getMetadata(), settings.getMetadata())) {
            assertThat(meta.getLabels()).containsEntry("team", "shop").containsEntry("helm.toolkit.fluxcd.io/name", "pr-shaped")
                    .containsEntry("helm.toolkit.fluxcd.io/namespace", NS).containsEntry("app.kubernetes.io/managed-by", "Helm");
            assertThat(meta.getAnnotations()).containsEntry("owner", "shop-team").doesNotContainKey("postrenderer.helm.sh/postrender-filename");
        }
        // metadata only: the pod template keeps the chart's labels
        assertThat(web.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", "pr-shaped"));

        HelmReleaseRecord stored = fx.storage("pr-shaped").get(0);
        assertThat(stored.manifest()).startsWith("---\n# Source: pr-shaped/templates/settings.yaml\n")
                .contains("# Source: pr-shaped/templates/deployment.yaml\n", "replicas: 3", "image: registry.example/nginx:1.27",
                        "extra: from-json-patch", "helm.toolkit.fluxcd.io/name: pr-shaped", "team: shop", "owner: shop-team")
                .doesNotContain("postrender-filename");
        assertThat(hr.getStatus().observedPostRenderersDigest).isEqualTo(PostRenderDigest.postRenderers(hr.getSpec().postRenderers))
                .startsWith("sha256:");
        assertThat(hr.getStatus().observedCommonMetadataDigest).isEqualTo(PostRenderDigest.commonMetadata(hr.getSpec().commonMetadata))
                .startsWith("sha256:");
    }

    @Test
    void withoutPostRenderersTheOriginLabelsAreStillAddedAndNoDigestIsWritten() throws Exception {
        HelmRelease hr = quiet("pr-plain");

        fx.reconcile(hr, chart("pr-plain"), Map.of("message", "one"));

        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        assertThat(configMapNamed("pr-plain-settings").getMetadata().getLabels()).containsEntry("helm.toolkit.fluxcd.io/name", "pr-plain")
                .containsEntry("helm.toolkit.fluxcd.io/namespace", NS);
        assertThat(fx.storage("pr-plain").get(0).manifest()).contains("helm.toolkit.fluxcd.io/name: pr-plain");
        assertThat(hr.getStatus().observedPostRenderersDigest).isNull();
        assertThat(hr.getStatus().observedCommonMetadataDigest).isNull();
    }

    @Test
    void hooksArePostRenderedUnlessTheStrategyIsNohooks() throws Exception {
        String hook = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-marker\n  annotations:\n"
                + "    helm.sh/hook: post-install,post-upgrade\ndata:\n  at: install\n";
        LoadedChart chart = fx.chart("pr-hooked", "1.0.0", Map.of("settings.yaml", configMap("{{ .Release.Name }}-settings", "  a: b\n"),
                "marker.yaml", hook));
        HelmRelease combined = quiet("pr-hooked");
        combined.getSpec().postRenderers = List.of(kustomize(List.of(patch("- op: add\n  path: /data/patched\n  value: \"yes\"\n",
                "ConfigMap")), null));

        fx.reconcile(combined, chart, Map.of());

        assertThat(configMapNamed("pr-hooked-marker").getData()).containsEntry("patched", "yes");
        assertThat(configMapNamed("pr-hooked-marker").getMetadata().getLabels()).containsEntry("helm.toolkit.fluxcd.io/name", "pr-hooked");
        assertThat(fx.storage("pr-hooked").get(0).hooks().get(0).manifest).contains("patched: \"yes\"");

        HelmRelease nohooks = quiet("pr-unhooked");
        nohooks.getSpec().postRenderStrategy = "nohooks";
        nohooks.getSpec().postRenderers = combined.getSpec().postRenderers;
        fx.reconcile(nohooks, chart, Map.of());

        assertThat(configMapNamed("pr-unhooked-settings").getData()).containsEntry("patched", "yes");
        assertThat(configMapNamed("pr-unhooked-marker").getData()).doesNotContainKey("patched");
        assertThat(configMapNamed("pr-unhooked-marker").getMetadata().getLabels()).doesNotContainKey("helm.toolkit.fluxcd.io/name");
    }

    @Test
    void driftIsJudgedAgainstThePostRenderedObjects() throws Exception {
        HelmRelease hr = quiet("pr-drift");
        hr.getSpec().driftDetection = new HelmReleaseSpec.DriftDetection();
        hr.getSpec().driftDetection.mode = "enabled";
        hr.getSpec().postRenderers = List.of(kustomize(List.of(
                patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pr-drift-web\nspec:\n  replicas: 2\n", null)), null));
        LoadedChart chart = chart("pr-drift");
        fx.reconcile(hr, chart, Map.of("message", "one"));
        String resourceVersion = deployment("pr-drift-web").getMetadata().getResourceVersion();

        // in sync: the patched replicas and the added labels are what the release stored, so nothing has drifted
        fx.reconcile(hr, chart, Map.of("message", "one"));
        assertThat(history(hr)).containsExactly("1:deployed:install");
        assertThat(deployment("pr-drift-web").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);

        // a change to a post-rendered field is drift, corrected to the post-rendered value
        fx.client.apps().deployments().inNamespace(NS).withName("pr-drift-web").edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        fx.reconcile(hr, chart, Map.of("message", "one"));
        assertThat(history(hr)).containsExactly("1:deployed:install");
        assertThat(deployment("pr-drift-web").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void changingThePostRenderersUpgrades() throws Exception {
        HelmRelease hr = quiet("pr-reshaped");
        LoadedChart chart = chart("pr-reshaped");
        hr.getSpec().postRenderers = List.of(kustomize(null, List.of(image("nginx", null, "1.26"))));
        fx.reconcile(hr, chart, Map.of("message", "one"));
        assertThat(history(hr)).containsExactly("1:deployed:install");

        // the same spec again: in sync, nothing released
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "one"));
        assertThat(history(hr)).containsExactly("1:deployed:install");

        LifecycleFixture.bump(hr);
        hr.getSpec().postRenderers = List.of(kustomize(null, List.of(image("nginx", null, "1.27"))));
        fx.reconcile(hr, chart, Map.of("message", "one"));

        assertThat(history(hr)).containsExactly("2:deployed:upgrade", "1:superseded:install");
        assertThat(condition(hr, "Ready")).isEqualTo("True/UpgradeSucceeded");
        assertThat(deployment("pr-reshaped-web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        assertThat(hr.getStatus().observedPostRenderersDigest).isEqualTo(PostRenderDigest.postRenderers(hr.getSpec().postRenderers));

        LifecycleFixture.bump(hr);
        hr.getSpec().commonMetadata = new HelmReleaseSpec.CommonMetadata();
        hr.getSpec().commonMetadata.labels = Map.of("tier", "front");
        fx.reconcile(hr, chart, Map.of("message", "one"));

        assertThat(history(hr)).startsWith("3:deployed:upgrade");
        assertThat(deployment("pr-reshaped-web").getMetadata().getLabels()).containsEntry("tier", "front");
    }

    @Test
    void aMalformedPatchOrOneMatchingNothingFailsTheUpgradeAndLeavesTheDeployedObjects() throws Exception {
        HelmRelease hr = quiet("pr-guarded");
        LoadedChart chart = chart("pr-guarded");
        fx.reconcile(hr, chart, Map.of("message", "one"));
        assertThat(condition(hr, "Ready")).isEqualTo("True/InstallSucceeded");
        String resourceVersion = configMapNamed("pr-guarded-settings").getMetadata().getResourceVersion();

        LifecycleFixture.bump(hr);
        hr.getSpec().postRenderers = List.of(kustomize(null, List.of(image("nginx", null, "1.27"))),
                kustomize(List.of(patch("{{{ not yaml", "ConfigMap")), null));
        fx.reconcile(hr, chart, Map.of("message", "two"));

        assertThat(condition(hr, "Released")).isEqualTo("False/UpgradeFailed");
        assertThat(message(hr, "Released")).contains("error while running post render on files: spec.postRenderers[1].kustomize: ",
                "unable to parse SM or JSON patch");
        assertThat(fx.revisions("pr-guarded").get(0)).startsWith("2:failed:Upgrade \"pr-guarded\" failed: error while running post render");
        assertThat(fx.revisions("pr-guarded").get(1)).isEqualTo("1:deployed:Install complete");
        assertThat(configMapNamed("pr-guarded-settings").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(configMapNamed("pr-guarded-settings").getData()).containsEntry("message", "one");

        LifecycleFixture.bump(hr);
        hr.getSpec().postRenderers = List.of(kustomize(List.of(
                patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: no-such-deployment\nspec:\n  replicas: 2\n", null)), null));
        fx.reconcile(hr, chart, Map.of("message", "three"));

        assertThat(condition(hr, "Released")).isEqualTo("False/UpgradeFailed");
        assertThat(message(hr, "Released")).contains("spec.postRenderers[0].kustomize: ",
                "no resource matches strategic merge patch \"Deployment.v1.apps/no-such-deployment.[noNs]\"");
        assertThat(fx.revisions("pr-guarded")).filteredOn(r -> r.contains(":deployed:")).containsExactly("1:deployed:Install complete");
        assertThat(configMapNamed("pr-guarded-settings").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(deployment("pr-guarded-web").getSpec().getReplicas()).isEqualTo(1);
    }
}
