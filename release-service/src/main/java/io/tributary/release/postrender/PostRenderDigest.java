package io.tributary.release.postrender;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * helm-controller's {@code postrender.Digest} and {@code CommonMetadataDigest}: {@code sha256:<hex>} of what Go's
 * {@code json.Encoder} writes for {@code spec.postRenderers} and {@code spec.commonMetadata} (fields in declaration
 * order, {@code omitempty} honoured, map keys sorted, Go's escapes, a trailing newline). Empty when the field is
 * absent, as the status leaves the digest out then. Pure.
 */
public final class PostRenderDigest {

    private PostRenderDigest() {
    }

    public static String postRenderers(List<PostRenderer> postRenderers) {
        if (postRenderers == null) {
            return "";
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < postRenderers.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            PostRenderer r = postRenderers.get(i);
            json.append('{');
            if (r != null && r.kustomize != null) {
                json.append("\"kustomize\":");
                kustomize(json, r.kustomize);
            }
            json.append('}');
        }
        return digest(json.append("]\n"));
    }

    public static String commonMetadata(HelmReleaseSpec.CommonMetadata metadata) {
        if (metadata == null) {
            return "";
        }
        Fields fields = new Fields(new StringBuilder());
        fields.map("annotations", metadata.annotations);
        fields.map("labels", metadata.labels);
        return digest(fields.close().append('\n'));
    }

    private static void kustomize(StringBuilder json, PostRenderer.Kustomize k) {
        Fields fields = new Fields(json);
        if (k.patches != null && !k.patches.isEmpty()) {
            fields.name("patches").append('[');
            for (int i = 0; i < k.patches.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                PostRenderer.Patch p = k.patches.get(i);
                Fields patch = new Fields(json);
                patch.name("patch");
                string(json, p == null || p.patch == null ? "" : p.patch);
                if (p != null && p.target != null) {
                    patch.name("target");
                    selector(json, p.target);
                }
                patch.close();
            }
            json.append(']');
        }
        if (k.images != null && !k.images.isEmpty()) {
            fields.name("images").append('[');
            for (int i = 0; i < k.images.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                PostRenderer.Image image = k.images.get(i);
                Fields f = new Fields(json);
                f.name("name");
                string(json, image == null || image.name == null ? "" : image.name);
                if (image != null) {
                    f.string("newName", image.newName);
                    f.string("newTag", image.newTag);
                    f.string("digest", image.digest);
                }
                f.close();
            }
            json.append(']');
        }
        fields.close();
    }

    private static void selector(StringBuilder json, HelmReleaseSpec.Selector s) {
        Fields f = new Fields(json);
        f.string("group", s.group);
        f.string("version", s.version);
        f.string("kind", s.kind);
        f.string("namespace", s.namespace);
        f.string("name", s.name);
        f.string("annotationSelector", s.annotationSelector);
        f.string("labelSelector", s.labelSelector);
        f.close();
    }

    /** The members of one JSON object, opened on creation. */
    private static final class Fields {
        private final StringBuilder json;
        private boolean first = true;

        Fields(StringBuilder json) {
            this.json = json;
            json.append('{');
        }

        StringBuilder name(String name) {
            if (!first) {
                json.append(',');
            }
            first = false;
            PostRenderDigest.string(json, name);
            return json.append(':');
        }

        /** An {@code omitempty} string. */
        void string(String field, String value) {
            if (value != null && !value.isEmpty()) {
                name(field);
                PostRenderDigest.string(json, value);
            }
        }

        /** An {@code omitempty} map of strings, keys in Go's (byte) order. */
        void map(String field, Map<String, String> values) {
            if (values == null || values.isEmpty()) {
                return;
            }
            name(field).append('{');
            TreeMap<String, String> sorted = new TreeMap<>(PostRenderDigest::compareBytes);
            sorted.putAll(values);
            boolean firstEntry = true;
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                if (!firstEntry) {
                    json.append(',');
                }
                firstEntry = false;
                PostRenderDigest.string(json, e.getKey());
                json.append(':');
                PostRenderDigest.string(json, e.getValue() == null ? "" : e.getValue());
            }
            json.append('}');
        }

        StringBuilder close() {
            return json.append('}');
        }
    }

    /** Go's {@code sort.Strings} order: by UTF-8 bytes, which is code point order. */
    static int compareBytes(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** A string as Go's {@code encoding/json} escapes it, HTML escaping on. */
    static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        json.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // a lone surrogate is invalid UTF-8 to Go, written as U+FFFD
                        json.append('\ufffd');
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static String digest(CharSequence json) {
        try {
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
