package io.tributary.helm.index;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.semver.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a Helm {@code index.yaml}, keeping only the fields the catalog and chart selection use. The block-style YAML that
 * chart repositories publish goes through {@link BlockIndexReader}, which allocates a fraction of what a YAML parser
 * does; anything else goes through a streaming YAML parser. Validation names the problem: a document that is not a
 * mapping, a missing {@code apiVersion}, {@code entries} that are not a mapping of lists, an entry without a valid
 * semantic {@code version}. The caller caps the bytes it feeds in.
 */
public final class HelmIndexReader {

    private static final YAMLFactory YAML;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // the size is capped by whoever reads the stream
        options.setMaxAliasesForCollections(50);
        YAML = YAMLFactory.builder().loaderOptions(options).build();
    }

    private HelmIndexReader() {
    }

    /** Reads and validates an index; IllegalArgumentException describes what is wrong with it. */
    public static HelmIndex read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), java.nio.charset.StandardCharsets.UTF_8), 65536)) {
            return BlockIndexReader.read(reader);
        } catch (BlockIndexReader.Unsupported general) {
            return readGeneral(new java.io.ByteArrayInputStream(bytes));
        }
    }

    /** Reads and validates an index file without holding its bytes in memory. */
    public static HelmIndex read(java.nio.file.Path file) throws IOException {
        try (java.io.BufferedReader reader = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            return BlockIndexReader.read(reader);
        } catch (BlockIndexReader.Unsupported | java.nio.charset.CharacterCodingException general) {
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                return readGeneral(in);
            }
        }
    }

    /** The general YAML path: any valid YAML, and the error messages for invalid indexes. */
    static HelmIndex readGeneral(InputStream in) throws IOException {
        try (JsonParser parser = YAML.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("index is not a YAML mapping");
            }
            String apiVersion = null;
            String generated = null;
            Map<String, List<ChartVersion>> charts = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "apiVersion" -> apiVersion = value.isScalarValue() ? parser.getText() : null;
                    case "generated" -> generated = value.isScalarValue() ? parser.getText() : null;
                    case "entries" -> charts = entries(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (apiVersion == null || apiVersion.isBlank()) {
                throw new IllegalArgumentException("index has no apiVersion");
            }
            return new HelmIndex(apiVersion, generated, charts == null ? Map.of() : charts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("index is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    private static Map<String, List<ChartVersion>> entries(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("index 'entries' is not a mapping of chart names to versions");
        }
        Map<String, List<ChartVersion>> charts = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String chart = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("index entry '" + chart + "' is not a list of versions");
            }
            List<ChartVersion> versions = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                versions.add(version(parser, chart));
            }
            versions.sort(Comparator.comparing(ChartVersion::semver).reversed());
            charts.put(chart, List.copyOf(versions));
        }
        return charts;
    }

    private static ChartVersion version(JsonParser parser, String chart) throws IOException {
        String name = null, version = null, appVersion = null, description = null, digest = null, created = null, home = null, icon = null;
        List<String> urls = List.of();
        List<String> keywords = List.of();
        boolean deprecated = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = text(parser, value);
                case "version" -> version = text(parser, value);
                case "appVersion" -> appVersion = text(parser, value);
                case "description" -> description = text(parser, value);
                case "digest" -> digest = text(parser, value);
                case "created" -> created = text(parser, value);
                case "home" -> home = text(parser, value);
                case "icon" -> icon = text(parser, value);
                case "deprecated" -> deprecated = value == JsonToken.VALUE_TRUE || "true".equals(text(parser, value));
                case "urls" -> urls = strings(parser, value);
                case "keywords" -> keywords = strings(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("index entry '" + chart + "' has a version without 'version'");
        }
        if (Version.tryParse(version) == null) {
            throw new IllegalArgumentException("index entry '" + chart + "': version '" + version + "' is not a semantic version");
        }
        return new ChartVersion(name == null ? chart : name, version, appVersion, description, digest, created, urls, keywords,
                deprecated, home, icon);
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value.isScalarValue()) {
            return value == JsonToken.VALUE_NULL ? null : parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static List<String> strings(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return List.of();
        }
        List<String> items = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (item.isScalarValue() && item != JsonToken.VALUE_NULL) {
                items.add(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        return List.copyOf(items);
    }
}
