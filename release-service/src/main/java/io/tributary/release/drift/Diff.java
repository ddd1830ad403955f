package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The comparison of one object of the release manifest with the cluster (fluxcd/pkg ssa/jsondiff {@code Diff}).
 *
 * @param desired the object as the manifest has it, with Helm's ownership metadata and its namespace
 * @param cluster the object in the cluster; null for {@link Type#CREATE} and {@link Type#EXCLUDE}
 * @param patch   for {@link Type#UPDATE}: what turns the cluster object into the desired one; empty otherwise
 */
public record Diff(Type type, JsonNode desired, JsonNode cluster, List<PatchOperation> patch) {

    public enum Type {
        /** The object is missing from the cluster (deleted). */
        CREATE,
        /** Fields the manifest sets differ in the cluster. */
        UPDATE,
        /** Left out: the opt-out label or annotation, or an ignore rule for the whole object. */
        EXCLUDE,
        /** The cluster has what the manifest sets. */
        NONE
    }

    public Diff {
        patch = patch == null ? List.of() : List.copyOf(patch);
    }

    public String kind() {
        return desired.path("kind").asText("");
    }

    public String apiVersion() {
        return desired.path("apiVersion").asText("");
    }

    public String name() {
        return desired.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return desired.path("metadata").path("namespace").asText("");
    }

    /** helm-controller's {@code ResourceName}: {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped. */
    public String resourceName() {
        String ns = namespace();
        return kind() + "/" + (ns.isEmpty() ? "" : ns + "/") + name();
    }

    /** The JSON Pointers the patch touches, in order. */
    public List<String> paths() {
        return patch.stream().map(PatchOperation::path).toList();
    }
}
