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

    /**
     * This chart with other default values, as Helm's upgrade sets {@code chart.Values} when it reuses values: a copy
     * of the chart under {@code into} whose {@code values.yaml} holds {@code defaults}, so the shared copy stays as it is.
     */
    public LoadedChart withDefaults(Map<String, Object> defaults, Path into) throws IOException {
        copyTo(into);
        YAML.writeValue(into.resolve("values.yaml").toFile(), defaults);
        HelmReleaseRecord.Chart r = record;
        return new LoadedChart(into, new HelmReleaseRecord.Chart(r.metadata(), r.lock(), r.templates(), defaults, r.schema(), r.files(),
                r.other()), crds);
    }

    /**
     * This chart under another version, as helm-controller sets {@code chart.Metadata.Version} before it releases a
     * chart from an OCI artifact ({@link ChartRevision}): a copy under {@code into} whose {@code Chart.yaml} says
     * {@code version}, so templates render {@code .Chart.Version} as stored, and the shared copy stays as it is.
     */
    public LoadedChart withVersion(String version, Path into) throws IOException {
        if (version.equals(version())) {
            return this;
        }
        copyTo(into);
        Path chartYaml = into.resolve("Chart.yaml");
        String text = Files.readString(chartYaml, StandardCharsets.UTF_8);
        java.util.regex.Matcher line = TOP_LEVEL_VERSION.matcher(text);
        if (line.find() && !line.find()) {
            Files.writeString(chartYaml, TOP_LEVEL_VERSION.matcher(text).replaceFirst(
                    java.util.regex.Matcher.quoteReplacement("version: \"" + version + "\"")), StandardCharsets.UTF_8);
        } else {
            Map<String, Object> raw = new java.util.LinkedHashMap<>(YAML.readValue(chartYaml.toFile(), new TypeReference<Map<String, Object>>() { }));
            raw.put("version", version);
            YAML.writeValue(chartYaml.toFile(), raw);
        }
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(record.metadata());
        metadata.put("version", version);
        HelmReleaseRecord.Chart r = record;
        return new LoadedChart(into, new HelmReleaseRecord.Chart(metadata, r.lock(), r.templates(), r.values(), r.schema(), r.files(),
                r.other()), crds);
    }

    /** A {@code version:} key at the top level of a block-style Chart.yaml, with its value and any comment. */
    private static final java.util.regex.Pattern TOP_LEVEL_VERSION = java.util.regex.Pattern.compile("(?m)^version:[^\\r\\n]*$");

    private void copyTo(Path into) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                Path target = into.resolve(dir.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public static LoadedChart load(Path dir) throws IOException {
        Path chartYaml = dir.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw new IOException("chart has no Chart.yaml");
        }
        Map<String, Object> metadata = ChartMetadataFields.asHelmReadsThem(
                YAML.readValue(chartYaml.toFile(), new TypeReference<Map<String, Object>>() { }));
        Path valuesYaml = dir.resolve("values.yaml");
        Map<String, Object> defaults = Files.isRegularFile(valuesYaml)
                ? YAML.readValue(valuesYaml.toFile(), new TypeReference<Map<String, Object>>() { }) : null;
        List<HelmReleaseRecord.File> templates = files(dir, dir.resolve("templates"));
        Path lockYaml = dir.resolve("Chart.lock");
        Map<String, Object> lock = Files.isRegularFile(lockYaml)
                ? YAML.readValue(lockYaml.toFile(), new TypeReference<Map<String, Object>>() { }) : null;
        Path schemaJson = dir.resolve("values.schema.json");
        String schema = Files.isRegularFile(schemaJson) ? Base64.getEncoder().encodeToString(Files.readAllBytes(schemaJson)) : null;
        List<CrdDocument> crds = new ArrayList<>();
        for (Path crdDir : crdDirs(dir)) {
            for (HelmReleaseRecord.File f : files(dir, crdDir)) {
                if (f.name().endsWith(".yaml") || f.name().endsWith(".yml") || f.name().endsWith(".json")) {
                    crds.add(new CrdDocument(f.name(), new String(Base64.getDecoder().decode(f.data()), StandardCharsets.UTF_8)));
                }
            }
        }
        return new LoadedChart(dir, new HelmReleaseRecord.Chart(metadata, lock, templates, defaults == null ? Map.of() : defaults,
                schema, otherFiles(dir), Map.of()), crds);
    }

    /** The files Helm's chart loader keeps as {@code chart.files}: all but the ones it reads into fields and the subcharts. */
    static List<HelmReleaseRecord.File> otherFiles(Path dir) throws IOException {
        List<HelmReleaseRecord.File> result = new ArrayList<>();
        for (HelmReleaseRecord.File f : files(dir, dir)) {
            String n = f.name();
            boolean read = SPECIAL.contains(n) || n.startsWith("templates/") || (n.startsWith("charts/") && !n.endsWith(".prov"));
            if (!read) {
                result.add(f);
            }
        }
        return result;
    }

    private static final List<String> SPECIAL = List.of("Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json",
            "requirements.yaml", "requirements.lock");

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
            for (Path file : files.filter(Files::isRegularFile).sorted(LoadedChart::walkOrder).toList()) {
                result.add(new HelmReleaseRecord.File(root.relativize(file).toString().replace('\\', '/'),
                        Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
            }
        }
        return result;
    }

    /** The order of Go's {@code filepath.Walk}, which Helm's loader keeps: names compared directory by directory. */
    static int walkOrder(Path a, Path b) {
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()); i++) {
            int c = a.getName(i).toString().compareTo(b.getName(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }
}
