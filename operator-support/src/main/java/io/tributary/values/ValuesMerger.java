package io.tributary.values;

import java.util.LinkedHashMap;
import java.util.Map;

/** Deep-merges values as Helm does: maps merge key by key, anything else in {@code overlay} replaces. */
public final class ValuesMerger {

    private ValuesMerger() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> result = new LinkedHashMap<>(base == null ? Map.of() : base);
        if (overlay == null) {
            return result;
        }
        for (Map.Entry<String, Object> entry : overlay.entrySet()) {
            Object current = result.get(entry.getKey());
            if (current instanceof Map<?, ?> currentMap && entry.getValue() instanceof Map<?, ?> overlayMap) {
                result.put(entry.getKey(), merge((Map<String, Object>) currentMap, (Map<String, Object>) overlayMap));
            } else {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }
}
