package io.tributary.fetcher.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An image manifest or an index, read from its bytes: the media type decides which (the {@code mediaType} field,
 * else the Content-Type); anything else is refused. An index is resolved to its linux/amd64 entry, as Flux's
 * go-containerregistry default platform does.
 */
public record OciManifest(String mediaType, List<Descriptor> layers, List<Platformed> manifests, Map<String, String> annotations) {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);
    /** What a client accepts, in the order registries should prefer. */
    public static final String ACCEPT = String.join(", ", OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_LIST);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");

    public record Descriptor(String mediaType, String digest, long size) {
    }

    public record Platformed(Descriptor descriptor, String os, String architecture, String variant) {
        String platform() {
            return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
        }
    }

    public boolean isIndex() {
        return INDEXES.contains(mediaType);
    }

    /** @throws IllegalArgumentException for JSON that is not a manifest or index of a supported media type */
    public static OciManifest parse(byte[] body, String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("manifest is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("manifest is not a JSON object");
        }
        String mediaType = root.path("mediaType").asText("");
        if (mediaType.isEmpty()) {
            mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        }
        if (!MANIFESTS.contains(mediaType) && !INDEXES.contains(mediaType)) {
            throw new IllegalArgumentException("unsupported manifest media type '" + mediaType + "'");
        }
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw new IllegalArgumentException("unsupported manifest schemaVersion " + root.path("schemaVersion"));
        }
        Map<String, String> annotations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("annotations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            annotations.put(entry.getKey(), entry.getValue().asText());
        }
        List<Descriptor> layers = new ArrayList<>();
        List<Platformed> manifests = new ArrayList<>();
        if (INDEXES.contains(mediaType)) {
            int i = 0;
            for (JsonNode entry : root.path("manifests")) {
                JsonNode platform = entry.path("platform");
                manifests.add(new Platformed(descriptor(entry, "manifests[" + i++ + "]"), platform.path("os").asText(""),
                        platform.path("architecture").asText(""), platform.path("variant").asText("")));
            }
        } else {
            int i = 0;
            for (JsonNode layer : root.path("layers")) {
                layers.add(descriptor(layer, "layers[" + i++ + "]"));
            }
        }
        return new OciManifest(mediaType, List.copyOf(layers), List.copyOf(manifests), Map.copyOf(annotations));
    }

    /** The linux/amd64 manifest of an index. */
    public Descriptor linuxAmd64() {
        for (Platformed entry : manifests) {
            if (entry.os().equals("linux") && entry.architecture().equals("amd64")) {
                return entry.descriptor();
            }
        }
        throw new IllegalArgumentException("the manifest index has no linux/amd64 manifest (platforms: "
                + String.join(", ", manifests.stream().map(Platformed::platform).toList()) + ")");
    }

    /** The layer Flux's selectLayer picks: the first of {@code mediaType}, or the first one when it is empty. */
    public Descriptor select(String layerMediaType) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers found in artifact");
        }
        if (layerMediaType == null || layerMediaType.isEmpty()) {
            return layers.get(0);
        }
        return layers.stream().filter(layer -> layer.mediaType().equals(layerMediaType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("failed to find layer with media type '" + layerMediaType + "' in artifact"));
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        String digest = node.path("digest").asText("");
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("manifest " + where + ": digest '" + digest + "' is not sha256:<64 hex>");
        }
        long size = node.path("size").asLong(-1);
        if (size < 0) {
            throw new IllegalArgumentException("manifest " + where + ": size is missing or negative");
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, size);
    }
}
