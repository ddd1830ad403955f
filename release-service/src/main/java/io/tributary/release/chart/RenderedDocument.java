package io.tributary.release.chart;

import java.util.Map;

/**
 * One document of a rendered manifest: the template it came from ({@code # Source:}), its text, and its parsed form.
 */
public record RenderedDocument(String path, String content, Map<String, Object> object) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        return object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public String kind() {
        return object.get("kind") == null ? "" : String.valueOf(object.get("kind"));
    }

    public String apiVersion() {
        return object.get("apiVersion") == null ? "" : String.valueOf(object.get("apiVersion"));
    }

    public String name() {
        return metadata().get("name") == null ? "" : String.valueOf(metadata().get("name"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> annotations() {
        return metadata().get("annotations") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /** Helm's manifest entry: {@code ---}, the source comment, the document. */
    public String asManifestEntry() {
        return "---\n# Source: " + path + "\n" + content;
    }
}
