package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a release's objects are written, on a real API server: server-side apply, client-side three-way merge, and
 * replace with {@code force}; {@code auto} (the upgrade default) follows how the revision before was applied.
 */
class ApplyMethodLifecycleTest {

    @TempDir
    static Path dir;
    static LifecycleFixture fx;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
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
}
