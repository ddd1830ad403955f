package io.tributary.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.tributary.release.apply.Manifests;
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
        List<GenericKubernetesResource> objects = Manifests.parse(manifest);
        assertThat(objects).extracting(GenericKubernetesResource::getKind).containsExactlyInAnyOrder("ConfigMap", "Service");
        GenericKubernetesResource config = objects.stream().filter(o -> o.getKind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(config.getMetadata().getName()).isEqualTo("shop-settings");
        assertThat(config.getAdditionalProperties().get("data")).isEqualTo(Map.of("message", "hello", "color", "red",
                "replicas", "1", "chartVersion", "0.1.0"));
        assertThat(Manifests.identity(config, "apps")).isEqualTo("v1/ConfigMap/apps/shop-settings");
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
