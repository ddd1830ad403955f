package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.release.chart.ChartRenderer;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import io.tributary.release.hooks.HookEvent;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.ReleaseCodec;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the demo chart with the real Helm engine and round-trips Helm's storage encoding. */
class HelmEngineTest {

    @TempDir
    Path dir;

    private Path chart() throws Exception {
        Path chart = dir.resolve("demo");
        for (String file : List.of("Chart.yaml", "values.yaml", "templates/configmap.yaml", "templates/service.yaml")) {
            Path target = chart.resolve(file);
            Files.createDirectories(target.getParent());
            try (var in = getClass().getClassLoader().getResourceAsStream("demo-chart/" + file)) {
                Files.copy(in, target);
            }
        }
        return chart;
    }

    @Test
    void afterRenderingTheJvmStillOwnsSigterm() throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"), "message: hi\n");
        new HelmEngine().render(chart(), "signals", "default", values);
        sun.misc.Signal term = new sun.misc.Signal("TERM");
        sun.misc.SignalHandler current = sun.misc.Signal.handle(term, sun.misc.SignalHandler.SIG_DFL);
        sun.misc.Signal.handle(term, current);
        // the Go library's handler would show as a NativeHandler; the JVM's is the Terminator's Java handler
        assertThat(current.getClass().getName()).isNotEqualTo("jdk.internal.misc.Signal$NativeHandler");
    }

    @Test
    void rendersTheChartWithTheGivenValues() throws Exception {
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, "color: red\n");
        String manifest = new HelmEngine().render(chart(), "shop", "apps", values);
        List<RenderedDocument> objects = ManifestDocuments.split(manifest);
        assertThat(objects).extracting(RenderedDocument::kind).containsExactlyInAnyOrder("ConfigMap", "Service");
        RenderedDocument config = objects.stream().filter(o -> o.kind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(config.name()).isEqualTo("shop-settings");
        assertThat(config.path()).isEqualTo("demo/templates/configmap.yaml");
        assertThat(config.object().get("data")).isEqualTo(Map.of("message", "hello", "color", "red",
                "replicas", "1", "chartVersion", "0.1.0"));
    }

    @Test
    void hooksRenderApartFromTheReleaseObjectsInKindOrder() throws Exception {
        Path chart = chart();
        Files.writeString(chart.resolve("templates/hook.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-migrate
                  annotations:
                    "helm.sh/hook": pre-install,pre-upgrade
                    "helm.sh/hook-weight": "-5"
                    "helm.sh/hook-delete-policy": hook-succeeded
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: m, image: busybox}]
                """);
        LoadedChart loaded = LoadedChart.load(chart);
        ChartRenderer.maskHooks(chart);
        Path values = Files.writeString(dir.resolve("values.yaml"), "{}\n");
        ChartRenderer.Rendered rendered = new ChartRenderer(new HelmEngine()).render(loaded, "shop", "apps", values);
        assertThat(rendered.objects()).extracting(RenderedDocument::kind).containsExactly("ConfigMap", "Service");
        assertThat(rendered.manifest()).startsWith("---\n# Source: demo/templates/configmap.yaml\n").doesNotContain("Job");
        assertThat(rendered.hooks()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("shop-migrate");
            assertThat(h.path()).isEqualTo("demo/templates/hook.yaml");
            assertThat(h.events()).containsExactly(HookEvent.PRE_INSTALL, HookEvent.PRE_UPGRADE);
            assertThat(h.weight()).isEqualTo(-5);
            assertThat(h.manifest()).contains("helm.sh/hook").doesNotContain("masked");
        });
        // the stored chart keeps the templates as written
        assertThat(loaded.record().templates()).anySatisfy(f -> assertThat(new String(Base64.getDecoder().decode(f.data())))
                .contains("\"helm.sh/hook\": pre-install"));
    }

    @Test
    void aBrokenTemplateFailsWithHelmsMessage() throws Exception {
        Path chart = chart();
        Files.writeString(chart.resolve("templates/broken.yaml"), "kind: {{ .Values.missing.field }\n");
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, "{}\n");
        assertThatThrownBy(() -> new HelmEngine().render(chart, "shop", "apps", values))
                .isInstanceOf(HelmEngine.RenderException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void encodesReleasesAsHelmStoresThem() throws Exception {
        HelmReleaseRecord record = new HelmReleaseRecord("shop",
                new HelmReleaseRecord.Info("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "", "Install complete", "deployed", null),
                new HelmReleaseRecord.Chart(Map.of("name", "demo", "version", "0.1.0"), List.of(), Map.of(), List.of()),
                Map.of("color", "red"), "---\nkind: ConfigMap\n", List.of(), 1, "apps");
        String encoded = ReleaseCodec.encode(record);
        byte[] gzip = Base64.getDecoder().decode(encoded);
        assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes());
        assertThat(json).contains("\"first_deployed\":\"2026-01-01T00:00:00Z\"").contains("\"status\":\"deployed\"")
                .contains("\"version\":1");
        assertThat(ReleaseCodec.decode(encoded)).isEqualTo(record);
    }
}
