package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.bump;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.storage.HelmReleaseRecord;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.upgrade.preserveValues} on a real control plane: Helm's {@code --reuse-values}, the values of the deployed
 * revision folded under the new ones and the chart's defaults those the deployed revision was rendered with.
 */
class PreserveValuesLifecycleTest {

    private static final String TEMPLATE = configMap("{{ .Release.Name }}-values", """
              color: {{ .Values.color | quote }}
              size: {{ .Values.size | quote }}
              shape: {{ .Values.shape | default "none" | quote }}
              tier: {{ .Values.tier | default "none" | quote }}
            """);

    @TempDir
    static Path dir;
    static LifecycleFixture fx;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
    }

    private LoadedChart chart(String version, String defaults) throws Exception {
        return fx.chart("palette", version, Map.of("cm.yaml", TEMPLATE), Map.of("values.yaml", defaults));
    }

    private Map<String, String> data(String name) {
        ConfigMap cm = fx.client.configMaps().inNamespace(NS).withName(name + "-values").get();
        return cm.getData();
    }

    private static HelmRelease preserving(String name, boolean preserve) {
        HelmRelease hr = release(name);
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.preserveValues = preserve;
        return hr;
    }

    @Test
    void upgradesKeepTheDeployedValuesAndTheDeployedChartDefaults() throws Exception {
        HelmRelease hr = preserving("keep", true);
        fx.reconcile(hr, chart("1.0.0", "color: red\nsize: small\n"), Map.of("color", "blue", "shape", "round"));
        assertThat(data("keep")).containsEntry("color", "blue").containsEntry("size", "small").containsEntry("shape", "round");

        // version 2 of the chart brings a new default; the values given no longer name shape
        bump(hr);
        LoadedChart v2 = chart("2.0.0", "color: red\nsize: large\ntier: gold\n");
        fx.reconcile(hr, v2, Map.of("color", "green"));
        assertThat(fx.revisions("keep")).extracting(r -> r.substring(0, r.indexOf(':', 2))).containsExactly("2:deployed", "1:superseded");
        // shape carries over from revision 1; size and tier stay as revision 1's chart had them (Helm's ReuseValues)
        assertThat(data("keep")).containsEntry("color", "green").containsEntry("shape", "round").containsEntry("size", "small")
                .containsEntry("tier", "none");
        HelmReleaseRecord stored = fx.storage("keep").get(0);
        assertThat(stored.config()).isEqualTo(Map.of("color", "green", "shape", "round"));
        assertThat(stored.chart().version()).isEqualTo("2.0.0");
        assertThat(stored.chart().values()).isEqualTo(Map.of("color", "blue", "size", "small", "shape", "round"));

        // the same spec again is in sync: no third revision, although the stored config is not the values given
        fx.reconcile(hr, v2, Map.of("color", "green"));
        assertThat(fx.storage("keep")).hasSize(2);
    }

    @Test
    void withoutTheOptionUpgradesUseOnlyTheValuesGivenAndTheNewChartDefaults() throws Exception {
        HelmRelease hr = preserving("reset", false);
        fx.reconcile(hr, chart("1.0.0", "color: red\nsize: small\n"), Map.of("color", "blue", "shape", "round"));
        bump(hr);
        fx.reconcile(hr, chart("2.0.0", "color: red\nsize: large\ntier: gold\n"), Map.of("color", "green"));
        assertThat(data("reset")).containsEntry("color", "green").containsEntry("shape", "none").containsEntry("size", "large")
                .containsEntry("tier", "gold");
        assertThat(fx.storage("reset").get(0).config()).isEqualTo(Map.of("color", "green"));
    }

    @Test
    void theFirstInstallIgnoresTheOption() throws Exception {
        HelmRelease hr = preserving("fresh", true);
        fx.reconcile(hr, chart("1.0.0", "color: red\nsize: small\n"), Map.of("size", "medium"));
        assertThat(data("fresh")).containsEntry("color", "red").containsEntry("size", "medium");
        HelmReleaseRecord stored = fx.storage("fresh").get(0);
        assertThat(stored.config()).isEqualTo(Map.of("size", "medium"));
        assertThat(stored.chart().values()).isEqualTo(Map.of("color", "red", "size", "small"));
    }
}
