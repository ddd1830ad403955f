package io.tributary.fetcher.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.values.ValuesMerger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.valuesFiles}: the listed files merged in order (maps deeply, later files win; anything else replaced)
 * become the chart's {@code values.yaml}. Paths are relative to {@code base} and may not leave it.
 */
final class ValuesFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ValuesFiles() {
    }

    /** Merges the files into {@code chartDir/values.yaml}; returns the files actually merged. */
    static List<String> apply(Path base, List<String> files, boolean ignoreMissing, Path chartDir) throws FetchFailure, IOException {
        Map<String, Object> merged = Map.of();
        List<String> used = new ArrayList<>();
        Path root = base.toRealPath();
        for (String file : files) {
            Path path = root.resolve(file.replaceAll("^(\\./)+", "")).normalize();
            if (!path.startsWith(root)) {
                throw new FetchFailure(Reasons.INVALID_PATH, "spec.valuesFiles: '" + file + "' escapes the source", true);
            }
            if (!Files.isRegularFile(path)) {
                if (ignoreMissing) {
                    continue;
                }
                throw new FetchFailure(Reasons.INVALID_PATH, "spec.valuesFiles: '" + file + "' not found", false);
            }
            JsonNode values;
            try {
                values = YAML.readTree(path.toFile());
            } catch (IOException e) {
                throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "values file '" + file + "' is not valid YAML: " + e.getMessage(), false);
            }
            if (values != null && !values.isMissingNode() && !values.isNull()) {
                if (!values.isObject()) {
                    throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "values file '" + file + "' is not a YAML mapping", false);
                }
                merged = ValuesMerger.merge(merged, YAML.convertValue(values, MAP));
            }
            used.add(file);
        }
        if (!used.isEmpty()) {
            YAML.writeValue(chartDir.resolve("values.yaml").toFile(), merged);
        }
        return used;
    }
}
