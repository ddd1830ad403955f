package io.tributary.release.chart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.release.storage.HelmReleaseRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An unpacked chart ready to render: its metadata and files as the release record stores them, and the documents of
 * its {@code crds/} directories (the chart's and its unpacked subcharts'), which Helm never templates.
 */
public record LoadedChart(Path dir, HelmReleaseRecord.Chart record, List<CrdDocument> crds) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One file of a {@code crds/} directory; {@code path} is chart-relative. */
    public record CrdDocument(String path, String content) {
    }

    public String name() {
        return record.name();
    }

    public String version() {
        return record.version();
    }

    public static LoadedChart load(Path dir) throws IOException {
        Path chartYaml = dir.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw new IOException("chart has no Chart.yaml");
        }
        Map<String, Object> metadata = YAML.readValue(chartYaml.toFile(), new TypeReference<Map<String, Object>>() { });
        Path valuesYaml = dir.resolve("values.yaml");
        Map<String, Object> defaults = Files.isRegularFile(valuesYaml)
                ? YAML.readValue(valuesYaml.toFile(), new TypeReference<Map<String, Object>>() { }) : null;
        List<HelmReleaseRecord.File> templates = files(dir, dir.resolve("templates"));
        List<CrdDocument> crds = new ArrayList<>();
        for (Path crdDir : crdDirs(dir)) {
            for (HelmReleaseRecord.File f : files(dir, crdDir)) {
                if (f.name().endsWith(".yaml") || f.name().endsWith(".yml") || f.name().endsWith(".json")) {
                    crds.add(new CrdDocument(f.name(), new String(Base64.getDecoder().decode(f.data()), StandardCharsets.UTF_8)));
                }
            }
        }
        return new LoadedChart(dir, new HelmReleaseRecord.Chart(metadata, templates, defaults == null ? Map.of() : defaults,
                List.of()), crds);
    }

    private static List<Path> crdDirs(Path dir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(dir.resolve("crds"))) {
            dirs.add(dir.resolve("crds"));
        }
        Path charts = dir.resolve("charts");
        if (Files.isDirectory(charts)) {
            try (Stream<Path> subcharts = Files.list(charts)) {
                for (Path sub : subcharts.sorted().toList()) {
                    dirs.addAll(crdDirs(sub));
                }
            }
        }
        return dirs;
    }

    private static List<HelmReleaseRecord.File> files(Path root, Path dir) throws IOException {
        List<HelmReleaseRecord.File> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                result.add(new HelmReleaseRecord.File(root.relativize(file).toString().replace('\\', '/'),
                        Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
            }
        }
        return result;
    }
}
