package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON Patch (RFC 6902) operation of a drift: {@code add}, {@code replace} or {@code remove} at a JSON Pointer,
 * with the value the cluster had ({@code oldValue}, not part of the patch) and the desired one.
 */
public record PatchOperation(String op, String path, JsonNode value, JsonNode oldValue) {

    public static final String ADD = "add";
    public static final String REPLACE = "replace";
    public static final String REMOVE = "remove";

    public static PatchOperation add(String path, JsonNode value) {
        return new PatchOperation(ADD, path, value, null);
    }

    public static PatchOperation replace(String path, JsonNode oldValue, JsonNode value) {
        return new PatchOperation(REPLACE, path, value, oldValue);
    }

    public static PatchOperation remove(String path, JsonNode oldValue) {
        return new PatchOperation(REMOVE, path, null, oldValue);
    }

    /** The operation as sent in a JSON Patch: op, path and, for add and replace, value. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("op", op);
        node.put("path", path);
        if (!REMOVE.equals(op)) {
            node.set("value", value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return node;
    }
}
