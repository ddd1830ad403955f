package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.helm.ChartMetadata;
import io.tributary.fetcher.source.helm.ChartTree;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import io.tributary.operator.archive.SafeTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartTreeTest {

    @TempDir
    Path dir;

    private Path artifact(String... entries) throws Exception {
        Path file = dir.resolve("source.tar.gz");
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (int i = 0; i < entries.length; i += 2) {
                byte[] data = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(entries[i], true);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void extractsOnlyTheChartDirectory() throws Exception {
        Path source = artifact("charts/demo/Chart.yaml", "name: demo\nversion: 1.2.3\n", "charts/demo/templates/a.yaml", "x",
                "other/file.txt", "y");
        Path target = dir.resolve("chart");
        assertThat(ChartTree.extract(source, ChartTree.chartDirectory("./charts/demo/"), target)).isTrue();
        assertThat(target.resolve("templates/a.yaml")).exists();
        assertThat(target.resolve("other")).doesNotExist();
        assertThat(ChartMetadata.read(target, "./charts/demo")).isEqualTo(new ChartMetadata("demo", "1.2.3", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "/etc", "charts/../../x", ""})
    void rejectsChartPathsThatEscape(String path) {
        assertThatThrownBy(() -> ChartTree.chartDirectory(path)).isInstanceOf(FetchFailure.class).hasMessageStartingWith("spec.chart:");
    }

    @Test
    void rejectsArchiveEntriesThatEscapeTheChartDirectory() throws Exception {
        Path source = artifact("charts/demo/../../../evil.txt", "boom");
        assertThatThrownBy(() -> ChartTree.extract(source, "charts/demo", dir.resolve("chart")))
                .isInstanceOf(FetchFailure.class).hasMessageContaining("escapes the target directory");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
    }

    @Test
    void rejectsAFileOverTheLimit() throws Exception {
        Path source = artifact("charts/demo/big.bin", "0123456789");
        assertThatThrownBy(() -> ChartTree.extract(source, "charts/demo", dir.resolve("chart"), new SafeTar.Limits(4, 100, 10, 10)))
                .isInstanceOf(FetchFailure.class).hasMessageContaining("over the limit of 4");
    }

    @Test
    void aChartWithoutChartYamlOrWithABadVersionIsRejected() throws Exception {
        Files.createDirectories(dir.resolve("c"));
        assertThatThrownBy(() -> ChartMetadata.read(dir.resolve("c"), "c")).hasMessageContaining("no Chart.yaml");
        Files.writeString(dir.resolve("c/Chart.yaml"), "name: demo\nversion: latest\n");
        assertThatThrownBy(() -> ChartMetadata.read(dir.resolve("c"), "c")).hasMessageContaining("'latest' is not a semantic version");
    }
}
