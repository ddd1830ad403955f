package io.tributary.release.chart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits Helm's rendered output ({@code ---} separated, each document headed by {@code # Source: <template>}) into
 * documents; empty documents are dropped, as Helm drops them. Pure.
 */
public final class ManifestDocuments {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SOURCE = "# Source: ";

    private ManifestDocuments() {
    }

    /** A document that is not a Kubernetes object. */
    public static final class InvalidManifestException extends Exception {
        public InvalidManifestException(String message) {
            super(message);
        }
    }

    public static List<RenderedDocument> split(String rendered) throws InvalidManifestException {
        List<RenderedDocument> documents = new ArrayList<>();
        if (rendered == null) {
            return documents;
        }
        String path = "";
        StringBuilder body = new StringBuilder();
        for (String line : (rendered + "\n---").split("\n", -1)) {
            if (line.trim().equals("---") || line.startsWith("--- ")) {
                add(documents, path, body.toString());
                body.setLength(0);
                path = "";
            } else if (line.startsWith(SOURCE) && body.toString().isBlank()) {
                path = line.substring(SOURCE.length()).trim();
            } else {
                body.append(line).append('\n');
            }
        }
        return documents;
    }

    private static void add(List<RenderedDocument> documents, String path, String content) throws InvalidManifestException {
        if (content.isBlank()) {
            return;
        }
        Map<String, Object> object;
        try {
            object = YAML.readValue(content, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new InvalidManifestException("YAML parse error on " + path + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (object == null || object.isEmpty()) {
            return;
        }
        if (object.get("apiVersion") == null || object.get("kind") == null) {
            throw new InvalidManifestException("object in " + (path.isEmpty() ? "manifest" : path)
                    + " is missing 'apiVersion' or 'kind': " + object.keySet());
        }
        documents.add(new RenderedDocument(path, content.stripTrailing() + "\n", object));
    }
}
