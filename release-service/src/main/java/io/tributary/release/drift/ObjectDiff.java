package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison fluxcd/pkg ssa/jsondiff {@code Unstructured} makes once it has the cluster object and the result of
 * a dry-run server-side apply of the desired one: the dry-run result is what the cluster would hold if the manifest
 * were applied now, so fields the manifest never set are the same on both sides and only what it sets and someone
 * changed or removed differs. Labels and annotations are compared apart, and only their additions and changes count
 * (controllers add labels of their own); the rest is compared without {@code metadata} and {@code status}. Pure.
 */
public final class ObjectDiff {

    private ObjectDiff() {
    }

    /** Left out before the cluster is asked: the opt-out in the manifest, or an ignore rule for the whole object. */
    public static boolean excludedByManifest(JsonNode desired, List<String> ignorePaths) {
        return excluded(desired) || ignorePaths.contains(IgnoreRules.ROOT);
    }

    /** Left out by the opt-out label or annotation on the object in the cluster. */
    public static boolean excluded(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return DriftMetadata.excluded(strings(metadata.path("labels")), strings(metadata.path("annotations")));
    }

    /**
     * @param cluster the object in the cluster, null when it does not exist
     * @param dryRun  the dry-run apply's answer; without a resourceVersion the object would be created
     */
    public static Diff compare(JsonNode desired, JsonNode cluster, JsonNode dryRun, List<String> ignorePaths) {
        if (dryRun.path("metadata").path("resourceVersion").asText("").isEmpty()) {
            return new Diff(Diff.Type.CREATE, desired, null, List.of());
        }
        JsonNode wanted = dryRun.deepCopy();
        JsonNode filtered = cluster.deepCopy();
        for (String p : ignorePaths) {
            JsonPointers.remove(wanted, p);
            JsonPointers.remove(filtered, p);
        }
        List<PatchOperation> patch = new ArrayList<>(metadataPatch(filtered, wanted));
        patch.addAll(resourcePatch(filtered, wanted));
        return new Diff(patch.isEmpty() ? Diff.Type.NONE : Diff.Type.UPDATE, desired, cluster, patch);
    }

    /**
     * Additions and changes of labels and annotations from x to y (jsondiff's {@code diffUnstructuredMetadata}); the
     * two maps are rationalized each on its own, never into one replace of {@code /metadata}.
     */
    public static List<PatchOperation> metadataPatch(JsonNode x, JsonNode y) {
        List<PatchOperation> patch = new ArrayList<>();
        // each map apart: rationalized into one replace of /metadata the patch would drop finalizers and owners
        for (String field : List.of("annotations", "labels")) {
            JsonNode from = x.path("metadata").get(field);
            JsonNode to = y.path("metadata").get(field);
            String path = "/metadata/" + field;
            if (to == null) {
                continue;
            }
            if (from == null) {
                patch.add(PatchOperation.add(path, to));
            } else {
                patch.addAll(JsonDiff.compareAt(path, from, to, true, java.util.Set.of()));
            }
        }
        return patch.stream().filter(op -> !PatchOperation.REMOVE.equals(op.op())).toList();
    }

    /** Everything but metadata and status from x to y (jsondiff's {@code DiffUnstructured}). */
    public static List<PatchOperation> resourcePatch(JsonNode x, JsonNode y) {
        return JsonDiff.compare(withoutMetadataAndStatus(x), withoutMetadataAndStatus(y), true);
    }

    /**
     * Name, annotations and labels only; the name keeps {@code metadata} present, so that labels missing on one side
     * give {@code add /metadata/labels} rather than an add of the whole metadata.
     */
    static ObjectNode labelsAndAnnotations(JsonNode object) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        JsonNode metadata = object.path("metadata");
        if (!metadata.isObject()) {
            return copy;
        }
        ObjectNode meta = copy.putObject("metadata");
        for (String field : List.of("name", "annotations", "labels")) {
            if (metadata.has(field)) {
                meta.set(field, metadata.get(field).deepCopy());
            }
        }
        if (meta.isEmpty()) {
            copy.remove("metadata");
        }
        return copy;
    }

    private static JsonNode withoutMetadataAndStatus(JsonNode object) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        copy.remove("metadata");
        copy.remove("status");
        return copy;
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> values = new HashMap<>();
        map.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
