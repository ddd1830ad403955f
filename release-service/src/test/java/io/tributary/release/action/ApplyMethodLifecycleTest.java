package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.deployment;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.testsupport.SharedServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a release's objects are written, on a real API server: server-side apply, client-side three-way merge (strategic
 * for built-in kinds, JSON merge for custom resources), and replace with {@code force}; {@code auto} (the upgrade
 * default) follows how the revision before was applied.
 */
class ApplyMethodLifecycleTest {

    @TempDir
    static Path dir;
    static LifecycleFixture fx;
    /** A client whose OpenAPI requests go to a path the API server does not serve. */
    static KubernetesClient noOpenApi;
    static LifecycleFixture fxNoOpenApi;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
        noOpenApi = new KubernetesClientBuilder().withConfig(SharedServers.controlPlane().client().getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("no-openapi", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if (request.uri().getPath().startsWith("/openapi/v3/")) {
                            builder.uri(request.uri().resolve("/openapi/v3/apis/nowhere.example.com/v1"));
                        }
                    }
                })).build();
        fxNoOpenApi = new LifecycleFixture(dir, noOpenApi);
    }

    @AfterAll
    static void stop() {
        noOpenApi.close();
    }

    private ConfigMap live(String name) {
        return fx.client.configMaps().inNamespace(NS).withName(name).get();
    }

    /** Someone else edits the live object: a key of the chart changed, a key and a label of their own added. */
    private void editByHand(String name) {
        fx.client.configMaps().inNamespace(NS).withName(name).edit(cm -> {
            cm.getData().put("b", "edited");
            cm.getData().put("extra", "theirs");
            cm.getMetadata().getLabels().put("team", "theirs");
            return cm;
        });
    }

    private List<String> applyMethods(String release) throws Exception {
        return fx.storage(release).stream().map(r -> r.version() + ":" + r.applyMethod()).toList();
    }

    private static List<String> operations(ConfigMap cm) {
        return cm.getMetadata().getManagedFields().stream().filter(f -> f.getManager().equals("helm-controller"))
                .map(ManagedFieldsEntry::getOperation).toList();
    }

    @Test
    void clientSideUpgradesMergeThreeWaysAndAutoKeepsTheMethod() throws Exception {
        HelmRelease hr = release("csa");
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.serverSideApply = false;
        fx.reconcile(hr, fx.chart("csa", "1.0.0", Map.of("cm.yaml", configMap("csa-cm", "  a: one\n  b: keep\n  gone: x\n"))), Map.of());
        assertThat(live("csa-cm").getData()).containsEntry("a", "one").containsEntry("gone", "x");
        editByHand("csa-cm");

        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("csa", "1.1.0", Map.of("cm.yaml", configMap("csa-cm", "  a: two\n  b: keep\n"))), Map.of());
        ConfigMap merged = live("csa-cm");
        // the chart's change and removal land, its edited key is set back, what the chart never set stays
        assertThat(merged.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "two", "b", "keep", "extra", "theirs"));
        assertThat(merged.getMetadata().getLabels()).containsEntry("team", "theirs").containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(operations(merged)).containsExactly("Update");
        assertThat(applyMethods("csa")).containsExactly("2:csa", "1:csa");

        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.serverSideApply = "enabled";
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("csa", "1.2.0", Map.of("cm.yaml", configMap("csa-cm", "  a: three\n  b: keep\n"))), Map.of());
        assertThat(live("csa-cm").getData()).containsEntry("a", "three").containsEntry("extra", "theirs");
        assertThat(operations(live("csa-cm"))).contains("Apply");
        assertThat(applyMethods("csa")).containsExactly("3:ssa", "2:csa", "1:csa");
    }

    @Test
    void forceReplacesOnlyWhenServerSideApplyIsOff() throws Exception {
        HelmRelease hr = release("replaced");
        fx.reconcile(hr, fx.chart("replaced", "1.0.0", Map.of("cm.yaml", configMap("replaced-cm", "  a: one\n  b: keep\n"))), Map.of());
        assertThat(applyMethods("replaced")).containsExactly("1:ssa");
        editByHand("replaced-cm");

        // auto after a server-side install applies server-side; force is then ignored, as helm-controller ignores it
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.force = true;
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("replaced", "1.1.0", Map.of("cm.yaml", configMap("replaced-cm", "  a: two\n  b: keep\n"))), Map.of());
        assertThat(live("replaced-cm").getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "two", "b", "keep", "extra", "theirs"));
        assertThat(applyMethods("replaced")).containsExactly("2:ssa", "1:ssa");

        // client-side with force: the object is replaced whole, so what others added is gone
        hr.getSpec().upgrade.serverSideApply = "disabled";
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("replaced", "1.2.0", Map.of("cm.yaml", configMap("replaced-cm", "  a: three\n"))), Map.of());
        ConfigMap replaced = live("replaced-cm");
        assertThat(replaced.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "three"));
        assertThat(replaced.getMetadata().getLabels()).doesNotContainKey("team");
        assertThat(applyMethods("replaced")).containsExactly("3:csa", "2:ssa", "1:ssa");
    }

    /** A release applied client-side, installed and upgraded without waiting (no kubelet runs the pods). */
    private static HelmRelease clientSide(String name) {
        HelmRelease hr = release(name);
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.serverSideApply = false;
        hr.getSpec().install.disableWait = true;
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.serverSideApply = "disabled";
        hr.getSpec().upgrade.disableWait = true;
        return hr;
    }

    private Deployment liveDeployment(String name) {
        return fx.client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static Container container(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void clientSideUpgradesOfBuiltInKindsMergeListsByKey() throws Exception {
        HelmRelease hr = clientSide("smp");
        fx.reconcile(hr, fx.chart("smp", "1.0.0", Map.of("deploy.yaml", deployment("smp-web", "smp-web",
                "{name: web, image: \"nginx:1.27\", env: [{name: MODE, value: chart}]}", "{name: helper, image: busybox}"))), Map.of());
        assertThat(fx.revisions("smp")).containsExactly("1:deployed:Install complete");

        // someone else injects a sidecar and an env var into the chart's container
        fx.client.apps().deployments().inNamespace(NS).withName("smp-web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().add(new Container());
            Container sidecar = d.getSpec().getTemplate().getSpec().getContainers().get(2);
            sidecar.setName("sidecar");
            sidecar.setImage("envoyproxy/envoy:v1.31");
            container(d, "web").getEnv().add(new EnvVar("INJECTED", "theirs", null));
            return d;
        });

        // the chart moves the web image on and drops the helper
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("smp", "1.1.0", Map.of("deploy.yaml", deployment("smp-web", "smp-web",
                "{name: web, image: \"nginx:1.28\", env: [{name: MODE, value: chart}]}"))), Map.of());
        assertThat(fx.revisions("smp")).containsExactly("2:deployed:Upgrade complete", "1:superseded:Install complete");
        Deployment live = liveDeployment("smp-web");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).containsExactly("web", "sidecar");
        assertThat(container(live, "web").getImage()).isEqualTo("nginx:1.28");
        assertThat(container(live, "web").getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MODE", "chart"), org.assertj.core.groups.Tuple.tuple("INJECTED", "theirs"));
        assertThat(container(live, "sidecar").getImage()).isEqualTo("envoyproxy/envoy:v1.31");
        assertThat(live.getMetadata().getManagedFields()).filteredOn(f -> f.getManager().equals("helm-controller"))
                .extracting(ManagedFieldsEntry::getOperation).containsOnly("Update");
        assertThat(applyMethods("smp")).containsExactly("2:csa", "1:csa");
    }

    @Test
    void customResourcesStayOnJsonMerge() throws Exception {
        String crd = LifecycleFixture.openCrd("csa.tributary.io", "gadgets", "gadget", "Gadget");
        String gadget = "apiVersion: csa.tributary.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: %d\n  items: [%s]\n";
        HelmRelease hr = clientSide("gadgets");
        fx.reconcile(hr, fx.chart("gadgets", "1.0.0", Map.of("g.yaml", gadget.formatted(1, "{name: a}")), Map.of("crds/gadgets.yaml", crd)),
                Map.of());
        assertThat(fx.revisions("gadgets")).containsExactly("1:deployed:Install complete");
        var gadgets = fx.client.genericKubernetesResources("csa.tributary.io/v1", "Gadget").inNamespace(NS);
        gadgets.withName("g1").edit(g -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) g.getAdditionalProperties().get("spec");
            spec.put("theirs", "x");
            spec.put("items", List.of(Map.of("name", "a"), Map.of("name", "z")));
            return g;
        });

        LifecycleFixture.bump(hr);
        fx.reconcile(hr, fx.chart("gadgets", "1.1.0", Map.of("g.yaml", gadget.formatted(2, "{name: a}, {name: b}")),
                Map.of("crds/gadgets.yaml", crd)), Map.of());
        assertThat(fx.revisions("gadgets")).containsExactly("2:deployed:Upgrade complete", "1:superseded:Install complete");
        GenericKubernetesResource live = gadgets.withName("g1").get();
        // a JSON merge patch: the chart's list replaces the live one whole, a field of someone else's stays
        assertThat(live.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 2, "theirs", "x",
                "items", List.of(Map.of("name", "a"), Map.of("name", "b"))));
    }

    @Test
    void aPatchTheServerRejectsFailsTheUpgradeNamingTheObject() throws Exception {
        HelmRelease hr = clientSide("immutable");
        fx.reconcile(hr, fx.chart("immutable", "1.0.0", Map.of("deploy.yaml", deployment("immutable-web", "one",
                "{name: web, image: nginx}"))), Map.of());
        LifecycleFixture.bump(hr);
        // a Deployment's selector is immutable
        fx.reconcile(hr, fx.chart("immutable", "1.1.0", Map.of("deploy.yaml", deployment("immutable-web", "two",
                "{name: web, image: nginx}"))), Map.of());
        assertThat(fx.revisions("immutable").get(0)).startsWith("2:failed:Upgrade \"immutable\" failed: "
                + "Deployment \"immutable-web\" in namespace \"lifecycle\": ").contains("field is immutable");
        assertThat(liveDeployment("immutable-web").getSpec().getSelector().getMatchLabels()).containsEntry("app", "one");
    }

    @Test
    void anOpenApiDocumentThatCannotBeReadFailsTheUpgradeNamingTheObject() throws Exception {
        HelmRelease hr = clientSide("noapi");
        fxNoOpenApi.reconcile(hr, fxNoOpenApi.chart("noapi", "1.0.0", Map.of("deploy.yaml", deployment("noapi-web", "noapi-web",
                "{name: web, image: \"nginx:1.27\"}"))), Map.of());
        assertThat(fxNoOpenApi.revisions("noapi")).containsExactly("1:deployed:Install complete");
        LifecycleFixture.bump(hr);
        fxNoOpenApi.reconcile(hr, fxNoOpenApi.chart("noapi", "1.1.0", Map.of("deploy.yaml", deployment("noapi-web", "noapi-web",
                "{name: web, image: \"nginx:1.28\"}"))), Map.of());
        assertThat(fxNoOpenApi.revisions("noapi").get(0)).isEqualTo("2:failed:Upgrade \"noapi\" failed: Deployment \"noapi-web\" in "
                + "namespace \"lifecycle\": failed to create patch: reading OpenAPI schema /openapi/v3/apis/apps/v1: "
                + "the server responded with status 404");
        assertThat(container(liveDeployment("noapi-web"), "web").getImage()).isEqualTo("nginx:1.27");
    }
}
