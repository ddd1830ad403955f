package io.tributary.release.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.operator.archive.SafeTar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packed subcharts are unpacked in place, at any depth, within the chart package's limits. */
class ChartPackageTest {

    private static final SafeTar.Limits LIMITS = new SafeTar.Limits(1 << 20, 4 << 20, 1000, 16);

    @TempDir
    Path dir;

    private static byte[] packaged(String name, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var f : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/" + f.getKey());
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] chartYaml(String name) {
        return ("apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nestedPackagesBecomeDirectoriesAndTheArchivesGo() throws Exception {
        byte[] inner = packaged("inner", Map.of("Chart.yaml", chartYaml("inner"), "templates/a.yaml", "a: 1\n".getBytes()));
        byte[] sub = packaged("sub", Map.of("Chart.yaml", chartYaml("sub"), "charts/inner-0.1.0.tgz", inner));
        Path top = dir.resolve("top");
        Files.createDirectories(top.resolve("charts/plain/charts"));
        Files.write(top.resolve("Chart.yaml"), chartYaml("top"));
        Files.write(top.resolve("charts/sub-0.1.0.tgz"), sub);
        Files.write(top.resolve("charts/plain/Chart.yaml"), chartYaml("plain"));
        Files.write(top.resolve("charts/plain/charts/deep-0.1.0.tgz"), packaged("deep", Map.of("Chart.yaml", chartYaml("deep"))));

        ChartPackage.expandSubcharts(top, LIMITS);

        assertThat(top.resolve("charts/sub-0.1.0/charts/inner-0.1.0/templates/a.yaml")).hasContent("a: 1");
        assertThat(top.resolve("charts/plain/charts/deep-0.1.0/Chart.yaml")).exists();
        assertThat(top.resolve("charts/sub-0.1.0.tgz")).doesNotExist();
        assertThat(top.resolve("charts/sub-0.1.0/charts/inner-0.1.0.tgz")).doesNotExist();
        assertThat(top.resolve("charts/plain/charts/deep-0.1.0.tgz")).doesNotExist();
    }

    @Test
    void subchartsTogetherStayWithinTheUnpackedLimit() throws Exception {
        byte[] big = new byte[900 * 1024]; // compresses to almost nothing
        Path top = dir.resolve("bomb");
        Files.createDirectories(top.resolve("charts"));
        Files.write(top.resolve("Chart.yaml"), chartYaml("bomb"));
        for (int i = 0; i < 6; i++) {
            Files.write(top.resolve("charts/part" + i + "-0.1.0.tgz"), packaged("part" + i,
                    Map.of("Chart.yaml", chartYaml("part" + i), "blob.bin", big)));
        }
        assertThatThrownBy(() -> ChartPackage.expandSubcharts(top, LIMITS)).isInstanceOf(SafeTar.Refused.class)
                .hasMessageContaining("subchart 'charts/part");
    }

    @Test
    void aPackedSubchartWithoutChartYamlIsRefusedByName() throws Exception {
        Path top = dir.resolve("broken");
        Files.createDirectories(top.resolve("charts"));
        Files.write(top.resolve("Chart.yaml"), chartYaml("broken"));
        Files.write(top.resolve("charts/empty-0.1.0.tgz"), packaged("empty", Map.of("values.yaml", "a: 1\n".getBytes())));
        assertThatThrownBy(() -> ChartPackage.expandSubcharts(top, LIMITS)).isInstanceOf(SafeTar.Refused.class)
                .hasMessageContaining("subchart 'charts/empty-0.1.0.tgz'").hasMessageContaining("Chart.yaml");
    }
}
