package io.tributary.release.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.testsupport.SharedServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ClusterDiff} against the real control plane. Ported from fluxcd/helm-controller v1.6.3
 * {@code internal/action/diff_test.go} TestDiff: 7 of its 8 rows. Each row puts the cluster objects in place with
 * server-side apply as {@code helm-controller} (upstream creates them as that manager), then diffs the manifest.
 *
 * <p>Left out: "detects drift after kubectl edit", which passes {@code --override-manager=kubectl} (the
 * {@code disallowedFieldManagers} that hand kubectl's fields over to the controller before the diff); that flag is not
 * implemented. Its counterpart "detect no drift if edited by kube-controller-manager" is here: a field another
 * manager added is not drift.
 */
class ClusterDiffTest {

    static KubernetesClient client;
    static ClusterDiff diff;

    @BeforeAll
    static void start() {
        client = SharedServers.controlPlane().client();
        diff = new ClusterDiff(new ClusterObjects(client));
    }

    static String cm(String name, String extra, String data) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n" + extra + "data:\n" + data;
    }

    static HelmReleaseSpec.IgnoreRule rule(String name, String... paths) {
        HelmReleaseSpec.IgnoreRule r = new HelmReleaseSpec.IgnoreRule();
        r.paths = List.of(paths);
        if (name != null) {
            r.target = new HelmReleaseSpec.Selector();
            r.target.name = name;
        }
        return r;
    }

    /** A change made in the cluster after the objects were put there, by a manager other than the controller. */
    static BiConsumer<String, String> merge(String name, String patch) {
        return (ns, kind) -> client.configMaps().inNamespace(ns).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.replace('\'', '"'));
    }

    static Stream<Arguments> diffs() {
        String b64 = java.util.Base64.getEncoder().encodeToString("otherValue".getBytes());
        String changed = java.util.Base64.getEncoder().encodeToString("changed".getBytes());
        return Stream.of(
                Arguments.of("detects drift",
                        String.join("\n---\n", cm("changed", "", "  key: value\n"), cm("deleted", "", "  key: value\n"),
                                cm("unchanged", "", "  key: value\n")),
                        List.of(cm("changed", "", "  key: changed\n"), cm("unchanged", "", "  key: value\n")), null, List.of(),
                        List.of("UPDATE ConfigMap/NS/changed [replace /data/key \"value\" <- \"changed\"]", "CREATE ConfigMap/NS/deleted []",
                                "NONE ConfigMap/NS/unchanged []")),
                Arguments.of("detect no drift if edited by kube-controller-manager", cm("changed", "", "  key: value\n"),
                        List.of(cm("changed", "", "  key: value\n")), merge("changed", "{'data':{'anotherKey':'changed'}}"), List.of(),
                        List.of("NONE ConfigMap/NS/changed []")),
                Arguments.of("empty release manifest", "", List.of(), null, List.of(), List.of()),
                Arguments.of("manifest with disabled annotation",
                        cm("disabled", "  annotations:\n    helm.toolkit.fluxcd.io/driftDetection: disabled\n", "  key: value\n"),
                        List.of(cm("disabled", "  annotations:\n    helm.toolkit.fluxcd.io/driftDetection: disabled\n", "  key: changed\n")),
                        null, List.of(), List.of("EXCLUDE ConfigMap/NS/disabled []")),
                Arguments.of("adheres to ignore rules",
                        String.join("\n---\n", cm("fully-ignored", "", "  key: value\n"),
                                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: partially-ignored\nstringData:\n  key: value\n  otherKey: otherValue\n",
                                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: globally-ignored\nstringData:\n  globalKey: globalValue\n",
                                cm("not-ignored", "", "  key: value\n")),
                        List.of(cm("fully-ignored", "", "  key: changed\n"),
                                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: partially-ignored\nstringData:\n  key: changed\n  otherKey: changed\n",
                                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: globally-ignored\nstringData:\n  globalKey: changed\n",
                                cm("not-ignored", "", "  key: changed\n")),
                        null, List.of(rule("fully-ignored", ""), rule("partially-ignored", "/data/key"), rule(null, "/data/globalKey")),
                        List.of("EXCLUDE ConfigMap/NS/fully-ignored []",
                                "UPDATE Secret/NS/partially-ignored [replace /data/otherKey \"" + b64 + "\" <- \"" + changed + "\"]",
                                "NONE Secret/NS/globally-ignored []",
                                "UPDATE ConfigMap/NS/not-ignored [replace /data/key \"value\" <- \"changed\"]")),
                Arguments.of("configures namespace",
                        cm("without-namespace", "", "  key: value\n") + "\n---\n" + cm("with-namespace", "  namespace: OTHER\n", "  key: value\n"),
                        List.of(cm("without-namespace", "", "  key: value\n"), cm("with-namespace", "  namespace: OTHER\n", "  key: value\n")),
                        null, List.of(), List.of("NONE ConfigMap/NS/without-namespace []", "NONE ConfigMap/OTHER/with-namespace []")),
                Arguments.of("configures Helm metadata", cm("without-helm-metadata", "", "  key: value\n"),
                        List.of("!" + cm("without-helm-metadata", "", "  key: value\n")), null, List.of(),
                        List.of("UPDATE ConfigMap/NS/without-helm-metadata [add /metadata/annotations "
                                + "{\"meta.helm.sh/release-name\":\"configures-Helm-metadata\",\"meta.helm.sh/release-namespace\":\"NS\"}, "
                                + "add /metadata/labels {\"app.kubernetes.io/managed-by\":\"Helm\"}]")));
    }

    /**
     * @param cluster the objects to put in the cluster; each gets Helm's metadata unless its text starts with {@code !}
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void diffs(String name, String manifest, List<String> cluster, BiConsumer<String, String> update,
            List<HelmReleaseSpec.IgnoreRule> ignore, List<String> want) throws Exception {
        String ns = "diff-" + UUID.randomUUID().toString().substring(0, 8);
        String other = ns + "-other";
        String release = name.replace(' ', '-');
        for (String n : List.of(ns, other)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
        }
        ClusterObjects objects = new ClusterObjects(client);
        for (String text : cluster) {
            boolean bare = text.startsWith("!");
            Map<String, Object> doc = io.tributary.release.chart.ManifestDocuments.split((bare ? text.substring(1) : text)
                    .replace("OTHER", other)).get(0).object();
            if (!bare) {
                doc = ClusterDiff.withHelmMetadata(doc, release, ns);
            }
            ClusterObjects.Located l = objects.locate(doc, ns);
            objects.resource(l).fieldManager("helm-controller").forceConflicts().serverSideApply();
        }
        if (update != null) {
            update.accept(ns, "ConfigMap");
        }
        ClusterDiff.Result got = diff.diff(manifest.replace("OTHER", other), release, ns, IgnoreRules.of(ignore));
        assertThat(got.errors()).isEmpty();
        assertThat(got.set().diffs().stream().map(d -> d.type() + " " + d.resourceName() + " "
                + ObjectDiffTest.render(d.patch())).toList())
                .isEqualTo(want.stream().map(w -> w.replace("/NS/", "/" + ns + "/").replace("\"NS\"", "\"" + ns + "\"")
                        .replace("/OTHER/", "/" + other + "/")).toList());
        for (String n : List.of(ns, other)) {
            client.namespaces().withName(n).delete();
        }
    }

    @org.junit.jupiter.api.Test
    void aMissingObjectIsCreatedAgainAndAChangedOnePatchedBack() throws Exception {
        String ns = "diff-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        ClusterObjects objects = new ClusterObjects(client);
        String manifest = cm("kept", "", "  key: value\n") + "\n---\n" + cm("gone", "", "  key: value\n");
        ClusterObjects.Located kept = objects.locate(ClusterDiff.withHelmMetadata(
                io.tributary.release.chart.ManifestDocuments.split(cm("kept", "", "  key: changed\n  extra: theirs\n")).get(0).object(),
                "r", ns), ns);
        objects.resource(kept).fieldManager("helm-controller").forceConflicts().serverSideApply();

        List<ClusterDiff.Compared> compared = diff.compare(manifest, "r", ns, IgnoreRules.NONE, new java.util.ArrayList<>(),
                new java.util.ArrayList<>());
        DriftCorrection.Result result = new DriftCorrection(objects).apply(compared);
        assertThat(result.errors()).isEmpty();
        assertThat(result.changes()).containsExactly("ConfigMap/" + ns + "/gone created", "ConfigMap/" + ns + "/kept configured");
        assertThat(client.configMaps().inNamespace(ns).withName("kept").get().getData()).containsEntry("key", "value");
        assertThat(client.configMaps().inNamespace(ns).withName("gone").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(diff.diff(manifest, "r", ns, IgnoreRules.NONE).set().hasChanges()).isFalse();
        client.namespaces().withName(ns).delete();
    }
}
