package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON Pointers (RFC 6901): building them from keys, and removing what one points at from a document. Pure. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** A key as a pointer token: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
    public static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            return key;
        }
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The tokens of a pointer; empty for the root {@code ""}; null when the pointer does not start with {@code /}. */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (pointer.charAt(0) != '/') {
            return null;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /**
     * Removes the value the pointer names, as evanphx/json-patch's remove with AllowMissingPathOnRemove and negative
     * indices: a path that names nothing is left alone. The root cannot be removed this way.
     */
    public static void remove(JsonNode document, String pointer) {
        List<String> tokens = tokens(pointer);
        if (tokens == null || tokens.isEmpty()) {
            return;
        }
        JsonNode parent = document;
        for (int i = 0; i < tokens.size() - 1 && parent != null; i++) {
            parent = child(parent, tokens.get(i));
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            int index = index(array, last);
            if (index >= 0) {
                array.remove(index);
            }
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node instanceof ObjectNode object) {
            return object.get(token);
        }
        if (node instanceof ArrayNode array) {
            int index = index(array, token);
            return index < 0 ? null : array.get(index);
        }
        return null;
    }

    /** The array index a token names, -1 when it names none. */
    private static int index(ArrayNode array, String token) {
        int index;
        try {
            index = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
        if (index < 0) {
            index += array.size();
        }
        return index >= 0 && index < array.size() ? index : -1;
    }
}
