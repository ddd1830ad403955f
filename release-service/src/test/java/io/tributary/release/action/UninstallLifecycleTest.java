package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.plan.ReleaseOptions;
import io.tributary.testsupport.SharedServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uninstall on a real API server whose kube-controller-manager runs the garbage collector: objects are deleted in
 * Helm's uninstall order, and {@code deletionPropagation} decides what happens to what they own.
 */
class UninstallLifecycleTest {

    @TempDir
    static Path dir;
    static KubernetesClient recording;
    static LifecycleFixture fx;
    /** {@code resource/name} of every DELETE the release service sent, in the order sent. */
    static final List<String> deletes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        recording = new KubernetesClientBuilder().withConfig(SharedServers.controlPlane().client().getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("deletes", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if (request.method().equals("DELETE")) {
                            String[] path = request.uri().getPath().split("/");
                            deletes.add(path[path.length - 2] + "/" + path[path.length - 1]);
                        }
                    }
                })).build();
        fx = new LifecycleFixture(dir, recording);
    }

    @AfterAll
    static void stop() {
        recording.close();
    }

    private static String deployment(String name) {
        return LifecycleFixture.deployment(name, name, "{name: web, image: nginx}");
    }

    private static HelmRelease unwaited(String name) {
        HelmRelease hr = release(name);
        hr.getSpec().install = new HelmReleaseSpec.Install();
        hr.getSpec().install.disableWait = true;
        hr.getSpec().uninstall = new HelmReleaseSpec.Uninstall();
        return hr;
    }

    private static void uninstall(HelmRelease hr) throws Exception {
        ReleaseRequest req = new ReleaseRequest(hr, hr.getStatus(), null, Map.of(), ReleaseOptions.of(hr.getSpec(), false),
                hr.getMetadata().getName(), NS, NS, null);
        new Uninstall(fx.kit).reconcile(req);
    }

    private List<ReplicaSet> replicaSets(String app, java.util.function.Predicate<List<ReplicaSet>> until) throws Exception {
        return fx.client.apps().replicaSets().inNamespace(NS).withLabel("app", app).informOnCondition(until).get(60, TimeUnit.SECONDS);
    }

    @Test
    void objectsAreDeletedInHelmsUninstallOrder() throws Exception {
        HelmRelease hr = unwaited("ordered");
        // rendered in an order unlike both Helm orders; PodTemplate is a kind neither order lists
        fx.reconcile(hr, fx.chart("ordered", "1.0.0", Map.of(
                "a.yaml", deployment("ordered-web"),
                "b.yaml", configMap("ordered-cm", "  a: b\n"),
                "c.yaml", "apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: ordered-tpl\ntemplate:\n  spec:\n"
                        + "    containers: [{name: c, image: busybox}]\n",
                "d.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ordered-sa\n",
                "e.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ordered-rb\nroleRef:\n"
                        + "  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ordered-role\nsubjects:\n"
                        + "- kind: ServiceAccount\n  name: ordered-sa\n",
                "f.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: ordered-svc\nspec:\n  ports: [{port: 80}]\n",
                "g.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ordered-role\nrules: []\n",
                "h.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ordered-secret\nstringData:\n  k: v\n")), Map.of());
        assertThat(fx.client.configMaps().inNamespace(NS).withName("ordered-cm").get()).isNotNull();
        deletes.clear();

        uninstall(hr);

        assertThat(deletes.stream().filter(d -> d.contains("/ordered-"))).containsExactly(
                "services/ordered-svc", "deployments/ordered-web", "rolebindings/ordered-rb", "roles/ordered-role",
                "configmaps/ordered-cm", "secrets/ordered-secret", "serviceaccounts/ordered-sa", "podtemplates/ordered-tpl");
        assertThat(deletes).anySatisfy(d -> assertThat(d).isEqualTo("secrets/sh.helm.release.v1.ordered.v1"));
        assertThat(fx.client.services().inNamespace(NS).withName("ordered-svc").get()).isNull();
        assertThat(fx.client.v1().podTemplates().inNamespace(NS).withName("ordered-tpl").get()).isNull();
    }

    @Test
    void deletionPropagationDecidesWhetherOwnedObjectsGoToo() throws Exception {
        HelmRelease orphaning = unwaited("orphaning");
        orphaning.getSpec().uninstall.deletionPropagation = "orphan";
        HelmRelease cascading = unwaited("cascading");
        for (HelmRelease hr : List.of(orphaning, cascading)) {
            String name = hr.getMetadata().getName();
            fx.reconcile(hr, fx.chart(name, "1.0.0", Map.of("web.yaml", deployment(name))), Map.of());
            // the deployment controller gives each Deployment a ReplicaSet it owns
            replicaSets(name, l -> l.size() == 1 && !l.get(0).getMetadata().getOwnerReferences().isEmpty());
        }

        uninstall(orphaning);
        uninstall(cascading);

        // orphan: the garbage collector lets the ReplicaSet go free before the Deployment is removed
        List<ReplicaSet> freed = replicaSets("orphaning", l -> l.size() == 1 && l.get(0).getMetadata().getOwnerReferences().isEmpty());
        assertThat(freed.get(0).getMetadata().getName()).startsWith("orphaning-");
        fx.client.apps().deployments().inNamespace(NS).withName("orphaning").waitUntilCondition(d -> d == null, 60, TimeUnit.SECONDS);
        // background (the default): the ReplicaSet goes with its Deployment
        assertThat(replicaSets("cascading", List::isEmpty)).isEmpty();
        assertThat(fx.client.apps().replicaSets().inNamespace(NS).withLabel("app", "orphaning").list().getItems()).hasSize(1);
        assertThat(condition(orphaning)).isEqualTo("False/UninstallSucceeded");
    }

    private static String condition(HelmRelease hr) {
        return io.tributary.api.meta.Conditions.find(hr.getStatus().conditions, "Released")
                .map(c -> c.getStatus() + "/" + c.getReason()).orElse("-");
    }
}
