package io.tributary.fetcher.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The name and version of a chart, read from its {@code Chart.yaml}. */
public record ChartMetadata(String name, String version, String appVersion) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");
    private static final Pattern SEMVER = Pattern.compile(
            "v?(0|[1-9]\\d*)(\\.(0|[1-9]\\d*))?(\\.(0|[1-9]\\d*))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version:[^\\r\\n]*$");

    public static ChartMetadata read(Path chartDir, String chartPath) throws FetchFailure {
        Path file = chartDir.resolve("Chart.yaml");
        if (!Files.isRegularFile(file)) {
            throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "no Chart.yaml in chart directory '" + chartPath + "'", true);
        }
        JsonNode chart;
        try {
            chart = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "Chart.yaml of '" + chartPath + "' is not valid YAML: " + e.getMessage(), true);
        }
        String name = text(chart, "name");
        String version = text(chart, "version");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "Chart.yaml of '" + chartPath + "': field 'name' is missing or invalid", true);
        }
        if (version == null || !SEMVER.matcher(version).matches()) {
            throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "Chart.yaml of '" + chartPath + "': field 'version' '" + version
                    + "' is not a semantic version", true);
        }
        return new ChartMetadata(name, version, text(chart, "appVersion"));
    }

    /**
     * Writes {@code revision} as the chart's version when it differs from {@code version}, as source-controller does
     * for the metadata it adds ({@code +<source revision>}, {@code +<generation>}): the packaged chart then carries the
     * version the HelmChart reports, so a release of it records that version.
     */
    public static void writeVersion(Path chartDir, String version, String revision) throws IOException {
        if (revision.equals(version)) {
            return;
        }
        Path file = chartDir.resolve("Chart.yaml");
        String text = Files.readString(file);
        if (VERSION_LINE.matcher(text).results().count() == 1) {
            Files.writeString(file, VERSION_LINE.matcher(text).replaceFirst(java.util.regex.Matcher.quoteReplacement("version: " + revision)));
            return;
        }
        // not one block-style top-level line: rewrite the document
        var chart = (com.fasterxml.jackson.databind.node.ObjectNode) YAML.readTree(text);
        chart.put("version", revision);
        Files.writeString(file, YAML.writeValueAsString(chart));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
