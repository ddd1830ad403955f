package io.tributary.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A three-way merge of status stanzas: what one writer read ({@code base}), what it wants ({@code ours}) and what the
 * API server holds now ({@code theirs}). Only the fields this writer changed move; everything else another writer
 * wrote in between is kept. Objects merge field by field; {@code conditions} merge by condition {@code type}; other
 * arrays and values are replaced whole. Pure, no I/O.
 */
public final class StatusMerge {

    private StatusMerge() {
    }

    public static JsonNode merge(JsonNode base, JsonNode ours, JsonNode theirs) {
        if (Objects.equals(normal(base), normal(ours))) {
            return normal(theirs);
        }
        if (!(ours instanceof ObjectNode mine) || !(normal(theirs) instanceof ObjectNode current)) {
            return ours;
        }
        ObjectNode previous = normal(base) instanceof ObjectNode b ? b : JsonNodeFactory.instance.objectNode();
        ObjectNode result = current.deepCopy();
        Set<String> fields = new LinkedHashSet<>();
        previous.fieldNames().forEachRemaining(fields::add);
        mine.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode before = normal(previous.get(field));
            JsonNode after = normal(mine.get(field));
            if (Objects.equals(before, after)) {
                continue;
            }
            if (after == null) {
                result.remove(field);
            } else if ("conditions".equals(field) && after.isArray()) {
                result.set(field, mergeConditions(before, (ArrayNode) after, result.get(field)));
            } else if (after.isObject()) {
                result.set(field, merge(before, after, result.get(field)));
            } else {
                result.set(field, after);
            }
        }
        return result;
    }

    /** Conditions keyed by type: the types this writer set, changed or removed move; the others stay as they are now. */
    static ArrayNode mergeConditions(JsonNode base, ArrayNode ours, JsonNode theirs) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        Set<String> touched = new LinkedHashSet<>();
        for (JsonNode condition : ours) {
            String type = condition.path("type").asText();
            if (!condition.equals(byType(base, type))) {
                touched.add(type);
            }
        }
        if (base != null && base.isArray()) {
            for (JsonNode condition : base) {
                String type = condition.path("type").asText();
                if (byType(ours, type) == null) {
                    touched.add(type);
                }
            }
        }
        if (theirs != null && theirs.isArray()) {
            for (JsonNode condition : theirs) {
                String type = condition.path("type").asText();
                if (!touched.contains(type)) {
                    result.add(condition);
                } else if (byType(ours, type) != null) {
                    result.add(byType(ours, type));
                    touched.remove(type);
                }
            }
        }
        for (JsonNode condition : ours) {
            if (touched.contains(condition.path("type").asText())) {
                result.add(condition);
            }
        }
        return result;
    }

    private static JsonNode byType(JsonNode conditions, String type) {
        if (conditions == null || !conditions.isArray()) {
            return null;
        }
        for (JsonNode condition : conditions) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return null;
    }

    /** JSON null, a missing field and (for comparison) an empty array or object mean the same: nothing. */
    private static JsonNode normal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || (node.isContainerNode() && node.isEmpty())) {
            return null;
        }
        return node;
    }
}
