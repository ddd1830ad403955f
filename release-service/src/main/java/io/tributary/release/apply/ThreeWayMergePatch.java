package io.tributary.release.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * A three-way JSON merge patch (RFC 7386), as kubectl's {@code jsonmergepatch.CreateThreeWayJSONMergePatch} builds
 * one: the fields {@code modified} adds or changes relative to the live object ({@code current}), plus the fields
 * {@code original} (the previous revision's object) had and {@code modified} no longer has, as nulls. A field the
 * chart never set and someone else added to the live object is left alone; a chart field someone changed is set back.
 * Lists are replaced whole, as in every JSON merge patch.
 */
public final class ThreeWayMergePatch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Numbers compare by value: {@code 3} read from YAML and {@code 3} read from the API server are the same. */
    static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private ThreeWayMergePatch() {
    }

    /** The patch; an empty object when the live object already matches. */
    public static ObjectNode create(JsonNode original, JsonNode modified, JsonNode current) {
        ObjectNode deletions = keepNulls(twoWay(original, modified), true);
        ObjectNode additionsAndChanges = keepNulls(twoWay(current, modified), false);
        return merge(deletions, additionsAndChanges);
    }

    /** evanphx/json-patch's {@code CreateMergePatch}: what turns {@code from} into {@code to}. */
    static ObjectNode twoWay(JsonNode from, JsonNode to) {
        ObjectNode patch = NODES.objectNode();
        if (from == null || !from.isObject()) {
            from = NODES.objectNode();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext();) {
            var field = it.next();
            JsonNode before = from.get(field.getKey());
            JsonNode after = field.getValue();
            if (before == null) {
                patch.set(field.getKey(), after);
            } else if (before.isObject() && after.isObject()) {
                ObjectNode nested = twoWay(before, after);
                if (!nested.isEmpty()) {
                    patch.set(field.getKey(), nested);
                }
            } else if (!before.equals(SAME_VALUE, after)) {
                patch.set(field.getKey(), after);
            }
        }
        for (Iterator<String> it = from.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!to.has(name)) {
                patch.putNull(name);
            }
        }
        return patch;
    }

    /** kubectl's {@code keepOrDeleteNullInObj}: only the nulls ({@code nulls} true), or everything but them. */
    static ObjectNode keepNulls(ObjectNode patch, boolean nulls) {
        ObjectNode kept = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            var field = it.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                ObjectNode nested = keepNulls((ObjectNode) value, nulls);
                if (!nested.isEmpty()) {
                    kept.set(field.getKey(), nested);
                } else if (!nulls && value.isEmpty()) {
                    kept.set(field.getKey(), value);
                }
            } else if (value.isNull() == nulls) {
                kept.set(field.getKey(), value);
            }
        }
        return kept;
    }

    /** {@code patch} merged into {@code target} as RFC 7386 merges, except that nulls in {@code target} stay. */
    static ObjectNode merge(ObjectNode target, ObjectNode patch) {
        ObjectNode merged = target.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            var field = it.next();
            JsonNode existing = merged.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merged.set(field.getKey(), merge((ObjectNode) existing, (ObjectNode) field.getValue()));
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        return merged;
    }
}
