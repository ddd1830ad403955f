package io.tributary.release.postrender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.release.chart.RenderedDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's output back into documents of the templates they came from, as Helm's {@code splitAndDeannotate}: the
 * path is read from {@link Kustomization#FILENAME_ANNOTATION}, which is then removed (with the annotations map when
 * it was the only one); a document without it gets {@code generated-by-postrender-[<group>-]<i>.yaml}. The text is
 * Kustomize's, so the stored manifest is the post-rendered YAML as Kustomize wrote it. Pure.
 */
final class KustomizeOutput {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private KustomizeOutput() {
    }

    static final class InvalidOutput extends Exception {
        InvalidOutput(String message) {
            super(message);
        }
    }

    static List<RenderedDocument> split(String output, String fallbackPrefix) throws InvalidOutput {
        List<RenderedDocument> documents = new ArrayList<>();
        int i = 0;
        for (String text : documents(output)) {
            Map<String, Object> object;
            try {
                object = YAML.readValue(text, OBJECT);
            } catch (JsonProcessingException e) {
                throw new InvalidOutput("error parsing YAML: " + e.getOriginalMessage());
            }
            if (object == null || object.isEmpty()) {
                continue;
            }
            String path = filename(object);
            if (path == null || path.isEmpty()) {
                path = fallbackPrefix.isEmpty() ? "generated-by-postrender-" + i + ".yaml"
                        : "generated-by-postrender-" + fallbackPrefix + "-" + i + ".yaml";
            }
            Map<String, Object> expected = withoutFilename(object);
            documents.add(new RenderedDocument(path, unfold(deannotate(text, expected), expected), expected));
            i++;
        }
        return documents;
    }

    /** Kustomize separates documents with a {@code ---} line of its own. */
    static List<String> documents(String output) {
        List<String> documents = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.equals("---")) {
                documents.add(doc.toString());
                doc.setLength(0);
            } else {
                doc.append(line).append('\n');
            }
        }
        documents.add(doc.toString());
        return documents.stream().filter(d -> !d.isBlank()).map(d -> d.stripTrailing() + "\n").toList();
    }

    @SuppressWarnings("unchecked")
    private static String filename(Map<String, Object> object) {
        if (object.get("metadata") instanceof Map<?, ?> metadata && metadata.get("annotations") instanceof Map<?, ?> annotations) {
            Object value = ((Map<String, Object>) annotations).get(Kustomization.FILENAME_ANNOTATION);
            return value == null ? null : String.valueOf(value);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutFilename(Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?> m) || !(m.get("annotations") instanceof Map<?, ?> a)
                || !a.containsKey(Kustomization.FILENAME_ANNOTATION)) {
            return object;
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) m);
        Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) a);
        annotations.remove(Kustomization.FILENAME_ANNOTATION);
        if (annotations.isEmpty()) {
            metadata.remove("annotations");
        } else {
            metadata.put("annotations", annotations);
        }
        copy.put("metadata", metadata);
        return copy;
    }

    /**
     * The document's text without the annotation's line. Kustomize writes block YAML with keys sorted and two-space
     * indents, so the line sits at four spaces under {@code metadata:}/{@code annotations:}; the result is parsed again
     * and must equal {@code expected}, else (a layout this does not know) the document is written from its parsed form.
     */
    static String deannotate(String text, Map<String, Object> expected) throws InvalidOutput {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int metadata = lines.indexOf("metadata:");
        int annotations = metadata < 0 ? -1 : indexInBlock(lines, metadata + 1, "  ", "  annotations:");
        int line = annotations < 0 ? -1 : indexInBlock(lines, annotations + 1, "    ", "    " + Kustomization.FILENAME_ANNOTATION + ":");
        if (line >= 0) {
            int end = line + 1;
            while (end < lines.size() && lines.get(end).startsWith("     ")) {
                end++;
            }
            lines.subList(line, end).clear();
            boolean empty = annotations + 1 >= lines.size() || !lines.get(annotations + 1).startsWith("    ");
            if (empty) {
                lines.remove(annotations);
            }
            String stripped = String.join("\n", lines);
            try {
                if (expected.equals(YAML.readValue(stripped, OBJECT))) {
                    return stripped;
                }
            } catch (JsonProcessingException e) {
                // written from the parsed form below
            }
        } else if (!text.contains(Kustomization.FILENAME_ANNOTATION)) {
            return text;
        }
        try {
            String written = YAML.writeValueAsString(expected);
            return written.startsWith("---\n") ? written.substring(4) : written;
        } catch (JsonProcessingException e) {
            throw new InvalidOutput("cannot write post-rendered document: " + e.getOriginalMessage());
        }
    }

    private static final java.util.regex.Pattern SCALAR_LINE = java.util.regex.Pattern.compile(
            "^((?:\\s*- )*\\s*)(?:(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^\\s\"'#-][^:]*|-[^\\s:][^:]*):(?: (.*))?|(?<=- )(.+))$");

    /**
     * The text with the long scalars Kustomize's writer folds at 80 columns on one line again, as Helm's kyaml writer
     * leaves them when it writes the post-rendered documents back: a folded plain or quoted scalar continues on lines
     * indented deeper than its key, and reads the same joined by spaces. Checked as {@link #deannotate} is: the text
     * is kept as Kustomize wrote it unless the joined one parses to the same object.
     */
    static String unfold(String text, Map<String, Object> expected) {
        List<String> lines = List.of(text.split("\n", -1));
        List<String> out = new ArrayList<>();
        int owner = -1;
        int block = -1;
        boolean folded = false;
        for (String line : lines) {
            int indent = line.length() - line.stripLeading().length();
            if (block >= 0 && (line.isBlank() || indent > block)) {
                out.add(line);
                continue;
            }
            block = -1;
            if (owner >= 0 && !line.isBlank() && indent > owner) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.strip());
                folded = true;
                continue;
            }
            owner = -1;
            out.add(line);
            java.util.regex.Matcher m = SCALAR_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2) != null ? m.group(2) : m.group(3);
            int keyIndent = m.group(1).length();
            if (value == null || value.isEmpty() || value.equals("{}") || value.equals("[]")) {
                continue;
            }
            if (value.matches("[|>][0-9+-]*")) {
                block = m.group(3) != null ? keyIndent - 2 : keyIndent;
            } else {
                owner = m.group(3) != null ? keyIndent - 2 : keyIndent;
            }
        }
        if (!folded) {
            return text;
        }
        String joined = String.join("\n", out);
        try {
            return expected.equals(YAML.readValue(joined, OBJECT)) ? joined : text;
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /** The index of the line {@code wanted} (or {@code wanted} and a value) in the block from {@code from} indented by {@code indent}, or -1. */
    private static int indexInBlock(List<String> lines, int from, String indent, String wanted) {
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith(indent) && !l.isEmpty()) {
                return -1;
            }
            if (l.equals(wanted) || l.startsWith(wanted + " ")) {
                return i;
            }
        }
        return -1;
    }
}
