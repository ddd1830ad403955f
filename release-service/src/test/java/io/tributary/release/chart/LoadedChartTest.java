package io.tributary.release.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.release.storage.HelmReleaseRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart as the release record stores it, file by file as helm/helm v3.21.0 {@code pkg/chart/loader/load.go}
 * ({@code LoadFiles}) sorts a chart's files: Chart.yaml, Chart.lock, values.yaml and values.schema.json into their
 * fields, {@code templates/} into templates, subcharts ({@code charts/}, but their {@code .prov}) left out, every other
 * file into {@code files}, in the order of Go's {@code filepath.Walk}. Rows with no equivalent here: requirements.yaml
 * of an apiVersion v1 chart, which Helm also keeps in files (Tributary treats both requirements files as read).
 */
class LoadedChartTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Chart.yaml                | metadata
            Chart.lock                | lock
            values.yaml               | values
            values.schema.json        | schema
            templates/cm.yaml         | templates
            templates/sub/deep.yaml   | templates
            charts/dep/Chart.yaml     | none
            charts/dep-1.0.0.tgz      | none
            charts/dep-1.0.0.tgz.prov | files
            crds/widgets.yaml         | files
            README.md                 | files
            .helmignore               | files
            files/config/a.txt        | files
            """)
    void eachFileLandsWhereHelmsLoaderPutsIt(String file, String field) throws Exception {
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
        Files.createDirectories(dir.resolve(file).getParent() == null ? dir : dir.resolve(file).getParent());
        if (!file.equals("Chart.yaml")) {
            Files.writeString(dir.resolve(file), file.endsWith(".json") ? "{\"type\": \"object\"}\n"
                    : file.equals("Chart.lock") ? "digest: sha256:ab\ndependencies: []\n" : file.equals("values.yaml") ? "a: b\n"
                    : "kind: ConfigMap\n");
        }
        HelmReleaseRecord.Chart chart = LoadedChart.load(dir).record();
        List<String> files = chart.files().stream().map(HelmReleaseRecord.File::name).toList();
        List<String> templates = chart.templates().stream().map(HelmReleaseRecord.File::name).toList();
        switch (field) {
            case "metadata" -> assertThat(chart.name()).isEqualTo("app");
            case "lock" -> assertThat(chart.lock()).containsEntry("digest", "sha256:ab");
            case "values" -> assertThat(chart.values()).containsEntry("a", "b");
            case "schema" -> assertThat(new String(Base64.getDecoder().decode(chart.schema()), StandardCharsets.UTF_8))
                    .isEqualTo("{\"type\": \"object\"}\n");
            case "templates" -> assertThat(templates).containsExactly(file);
            default -> {
            }
        }
        assertThat(files).isEqualTo(field.equals("files") ? List.of(file) : List.of());
        if (!field.equals("templates")) {
            assertThat(templates).isEmpty();
        }
        if (!field.equals("schema")) {
            assertThat(chart.schema()).isNull();
        }
    }

    @Test
    void filesAreInTheOrderGoWalksThem() throws Exception {
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
        for (String f : List.of("a.txt", "a/b.txt", "a-b.txt", "B.txt", "templates/x.yaml", "templates/x/y.yaml", "templates/x.y.yaml")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), "x\n");
        }
        HelmReleaseRecord.Chart chart = LoadedChart.load(dir).record();
        // Walk visits a directory's entries sorted by name: "a" before "a-b.txt" before "a.txt", upper case first
        assertThat(chart.files()).extracting(HelmReleaseRecord.File::name).containsExactly("B.txt", "a/b.txt", "a-b.txt", "a.txt");
        assertThat(chart.templates()).extracting(HelmReleaseRecord.File::name)
                .containsExactly("templates/x/y.yaml", "templates/x.y.yaml", "templates/x.yaml");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> chartYamls() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("plain", "apiVersion: v2\nname: app\nversion: 1.0.0\nappVersion: \"1\"\n"),
                org.junit.jupiter.params.provider.Arguments.of("quoted, with a comment and a dependency", "apiVersion: v2\nname: app\n"
                        + "version: \"1.0.0\" # the release\ndependencies:\n  - name: dep\n    version: 2.0.0\n"),
                org.junit.jupiter.params.provider.Arguments.of("flow style", "{apiVersion: v2, name: app, version: 1.0.0}\n"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("chartYamls")
    void anotherVersionIsACopyWhoseChartYamlSaysIt(String name, String chartYaml) throws Exception {
        Path chart = Files.createDirectories(dir.resolve("chart"));
        Files.writeString(chart.resolve("Chart.yaml"), chartYaml);
        LoadedChart loaded = LoadedChart.load(chart);

        LoadedChart moved = loaded.withVersion("1.0.0+9933f58f8bf4", dir.resolve("copy"));

        assertThat(moved.version()).isEqualTo("1.0.0+9933f58f8bf4");
        assertThat(moved.name()).isEqualTo("app");
        assertThat(LoadedChart.load(moved.dir()).version()).isEqualTo("1.0.0+9933f58f8bf4");
        assertThat(LoadedChart.load(moved.dir()).name()).isEqualTo("app");
        if (chartYaml.contains("dependencies")) {
            assertThat(Files.readString(moved.dir().resolve("Chart.yaml"))).contains("    version: 2.0.0");
        }
        // the shared copy is left as it was
        assertThat(LoadedChart.load(chart).version()).isEqualTo("1.0.0");
        assertThat(loaded.withVersion("1.0.0", dir.resolve("same"))).isSameAs(loaded);
    }
}
