package io.tributary.release.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A three-way strategic merge patch, as {@code k8s.io/apimachinery/pkg/util/strategicpatch.CreateThreeWayMergePatch}
 * builds one with {@code overwrite} true (Helm's client-side update of a built-in kind): the changes and additions
 * from the live object ({@code current}) to the rendered one ({@code modified}), plus the deletions from the previous
 * revision's object ({@code original}) to the rendered one.
 *
 * <p>Unlike a JSON merge patch, a list whose field has the {@code merge} strategy is patched item by item: a list of
 * objects by its merge key (a container by {@code name}), so an item the chart never had (someone else's sidecar)
 * stays; an item the previous revision had and the rendered one does not becomes {@code $patch: delete}; a removed
 * value of a list of scalars goes to {@code $deleteFromPrimitiveList/<field>}; the rendered order goes to
 * {@code $setElementOrder/<field>}; a field with the {@code retainKeys} strategy lists the keys to keep in
 * {@code $retainKeys}. Numbers compare by value, as {@link ThreeWayMergePatch} compares them.
 */
public final class StrategicMergePatch {

    static final String DIRECTIVE_MARKER = "$patch";
    static final String DELETE_DIRECTIVE = "delete";
    static final String REPLACE_DIRECTIVE = "replace";
    static final String MERGE_DIRECTIVE = "merge";
    static final String RETAIN_KEYS_STRATEGY = "retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST_PREFIX = "$deleteFromPrimitiveList";
    static final String RETAIN_KEYS_DIRECTIVE = "$" + RETAIN_KEYS_STRATEGY;
    static final String SET_ELEMENT_ORDER_PREFIX = "$setElementOrder";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {
    }

    /** The documents cannot be diffed or merged: a list of lists, items of different types, a missing merge key. */
    public static final class PatchException extends Exception {
        public PatchException(String message) {
            super(message);
        }
    }

    /** {@code DiffOptions}. */
    private record DiffOptions(boolean setElementOrder, boolean ignoreChangesAndAdditions, boolean ignoreDeletions,
            boolean buildRetainKeysDirective) {
        DiffOptions retainKeys(boolean retainKeys) {
            return new DiffOptions(setElementOrder, ignoreChangesAndAdditions, ignoreDeletions, retainKeys);
        }
    }

    /** {@code MergeOptions}. */
    private record MergeOptions(boolean mergeParallelList, boolean ignoreUnmatchedNulls) {
    }

    /** What the items of a list are, as the {@code reflect.Kind} upstream switches on. */
    private enum Kind {
        MAP, SLICE, SCALAR
    }

    /**
     * The patch; an empty object when the live object already matches. The documents are not changed; a missing
     * {@code original} or {@code current} counts as an empty object.
     */
    public static ObjectNode create(JsonNode original, JsonNode modified, JsonNode current, PatchMeta schema) throws PatchException {
        ObjectNode originalMap = object(original);
        ObjectNode modifiedMap = object(modified);
        ObjectNode currentMap = object(current);
        // what current lacks or has otherwise, merged into what original had and modified no longer has
        ObjectNode deltaMap = diffMaps(currentMap, modifiedMap.deepCopy(), schema, new DiffOptions(true, false, true, false));
        ObjectNode deletionsMap = diffMaps(originalMap, modifiedMap.deepCopy(), schema, new DiffOptions(true, true, false, false));
        return mergeMap(deletionsMap, deltaMap, schema, new MergeOptions(false, false));
    }

    private static ObjectNode object(JsonNode node) {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy() : NODES.objectNode();
    }

    static ObjectNode diffMaps(ObjectNode original, ObjectNode modified, PatchMeta schema, DiffOptions options) throws PatchException {
        ObjectNode patch = NODES.objectNode();
        List<JsonNode> retainKeysList = new ArrayList<>();
        for (String key : names(modified)) {
            JsonNode modifiedValue = modified.get(key);
            if (options.buildRetainKeysDirective() && !modifiedValue.isNull()) {
                retainKeysList.add(NODES.textNode(key));
            }
            if (!original.has(key)) {
                if (!options.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            JsonNode originalValue = original.get(key);
            if (key.equals(DIRECTIVE_MARKER)) {
                if (!originalValue.isTextual() || !modifiedValue.isTextual()) {
                    throw new PatchException("invalid value for special key: " + DIRECTIVE_MARKER);
                }
                if (!modifiedValue.equals(originalValue)) {
                    patch.set(DIRECTIVE_MARKER, modifiedValue);
                }
                continue;
            }
            if (!sameType(originalValue, modifiedValue)) {
                if (!options.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (originalValue.isObject()) {
                handleMapDiff(key, (ObjectNode) originalValue, (ObjectNode) modifiedValue, patch, schema, options);
            } else if (originalValue.isArray()) {
                handleSliceDiff(key, (ArrayNode) originalValue, (ArrayNode) modifiedValue, patch, schema, options);
            } else {
                replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, options);
            }
        }
        if (!options.ignoreDeletions()) {
            for (String key : names(original)) {
                if (!modified.has(key)) {
                    patch.putNull(key);
                }
            }
        }
        if (!retainKeysList.isEmpty() && (!patch.isEmpty() || hasAdditionalNewField(original, modified))) {
            patch.set(RETAIN_KEYS_DIRECTIVE, array(sortScalars(retainKeysList)));
        }
        return patch;
    }

    private static void handleMapDiff(String key, ObjectNode originalValue, ObjectNode modifiedValue, ObjectNode patch, PatchMeta schema,
            DiffOptions options) throws PatchException {
        PatchMeta.Field field;
        try {
            field = schema.lookupForStruct(key);
        } catch (PatchMeta.UnknownFieldException e) {
            if (deepEqual(originalValue, modifiedValue)) {
                return;
            }
            throw new PatchException(e.getMessage());
        }
        Strategy strategy = Strategy.of(field.strategies());
        DiffOptions nested = options.retainKeys(strategy.retainKeys());
        if (REPLACE_DIRECTIVE.equals(strategy.strategy())) {
            if (!options.ignoreChangesAndAdditions()) {
                patch.set(key, modifiedValue);
            }
            return;
        }
        ObjectNode patchValue = diffMaps(originalValue, modifiedValue, field.value(), nested);
        if (!patchValue.isEmpty()) {
            patch.set(key, patchValue);
        }
    }

    private static void handleSliceDiff(String key, ArrayNode originalValue, ArrayNode modifiedValue, ObjectNode patch, PatchMeta schema,
            DiffOptions options) throws PatchException {
        PatchMeta.Field field;
        try {
            field = schema.lookupForSlice(key);
        } catch (PatchMeta.UnknownFieldException e) {
            if (deepEqual(originalValue, modifiedValue)) {
                return;
            }
            throw new PatchException(e.getMessage());
        }
        Strategy strategy = Strategy.of(field.strategies());
        if (!MERGE_DIRECTIVE.equals(strategy.strategy())) {
            replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, options);
            return;
        }
        Diff diff = diffLists(elements(originalValue), elements(modifiedValue), field.value(), field.mergeKey(),
                options.retainKeys(strategy.retainKeys()));
        if (diff.patch() != null && !diff.patch().isEmpty()) {
            patch.set(key, array(diff.patch()));
        }
        if (diff.deletions() != null && !diff.deletions().isEmpty()) {
            patch.set(DELETE_FROM_PRIMITIVE_LIST_PREFIX + "/" + key, array(diff.deletions()));
        }
        if (diff.setOrder() != null && !diff.setOrder().isEmpty()) {
            patch.set(SET_ELEMENT_ORDER_PREFIX + "/" + key, array(diff.setOrder()));
        }
    }

    private static void replacePatchFieldIfNotEqual(String key, JsonNode original, JsonNode modified, ObjectNode patch, DiffOptions options) {
        if (options.ignoreChangesAndAdditions() || deepEqual(original, modified)) {
            return;
        }
        patch.set(key, modified);
    }

    /** The patch list (with {@code $patch: delete} items for lists of objects), the primitive deletions, the order. */
    private record Diff(List<JsonNode> patch, List<JsonNode> deletions, List<JsonNode> setOrder) {
    }

    private static Diff diffLists(List<JsonNode> original, List<JsonNode> modified, PatchMeta schema, String mergeKey, DiffOptions options)
            throws PatchException {
        if (original.isEmpty()) {
            if (modified.isEmpty() || options.ignoreChangesAndAdditions()) {
                return new Diff(null, null, null);
            }
            return new Diff(modified, null, null);
        }
        Kind kind = sliceElementKind(original, modified);
        List<JsonNode> patchList;
        List<JsonNode> deleteList;
        List<JsonNode> setOrderList = null;
        switch (kind) {
            case MAP -> {
                Diff maps = diffListsOfMaps(original, modified, schema, mergeKey, options);
                patchList = normalizeSliceOrder(maps.patch(), modified, mergeKey, kind);
                boolean orderSame = isOrderSame(original, modified, mergeKey);
                patchList = new ArrayList<>(patchList);
                patchList.addAll(maps.deletions());
                deleteList = null;
                if (options.setElementOrder() && ((!options.ignoreChangesAndAdditions() && (!patchList.isEmpty() || !orderSame))
                        || (!options.ignoreDeletions() && !patchList.isEmpty()))) {
                    setOrderList = new ArrayList<>();
                    for (JsonNode v : modified) {
                        ObjectNode item = NODES.objectNode();
                        item.set(mergeKey, v.get(mergeKey));
                        setOrderList.add(item);
                    }
                }
            }
            case SLICE -> throw new PatchException("lists of lists are not supported");
            default -> {
                Diff scalars = diffListsOfScalars(original, modified, options);
                deleteList = scalars.deletions();
                patchList = normalizeSliceOrder(scalars.patch(), modified, mergeKey, kind);
                // upstream compares with original as diffListsOfScalars left it: sorted in place
                if (options.setElementOrder() && ((!options.ignoreDeletions() && !deleteList.isEmpty())
                        || (!options.ignoreChangesAndAdditions() && !deepEqual(original, modified)))) {
                    setOrderList = modified;
                }
            }
        }
        return new Diff(patchList, deleteList, setOrderList);
    }

    private static boolean isOrderSame(List<JsonNode> original, List<JsonNode> modified, String mergeKey) throws PatchException {
        if (original.size() != modified.size()) {
            return false;
        }
        for (int i = 0; i < modified.size(); i++) {
            if (!mergeKeyValueEqual(original.get(i), modified.get(i), mergeKey)) {
                return false;
            }
        }
        return true;
    }

    /** {@code diffListsOfScalars}: sorts {@code original} in place, as upstream does. */
    private static Diff diffListsOfScalars(List<JsonNode> original, List<JsonNode> modified, DiffOptions options) {
        List<JsonNode> modifiedScalars = sortScalars(new ArrayList<>(modified));
        original.sort(Comparator.comparing(StrategicMergePatch::text));
        int originalIndex = 0;
        int modifiedIndex = 0;
        List<JsonNode> addList = new ArrayList<>();
        List<JsonNode> deletionList = new ArrayList<>();
        while (true) {
            boolean originalInBounds = originalIndex < original.size();
            boolean modifiedInBounds = modifiedIndex < modifiedScalars.size();
            if (!originalInBounds && !modifiedInBounds) {
                break;
            }
            String originalString = originalInBounds ? text(original.get(originalIndex)) : "";
            String modifiedString = modifiedInBounds ? text(modifiedScalars.get(modifiedIndex)) : "";
            int side = compareListValuesAtIndex(originalInBounds, modifiedInBounds, originalString, modifiedString);
            if (side == 0) {
                originalIndex++;
                modifiedIndex++;
            } else if (side < 0) {
                if (!options.ignoreDeletions()) {
                    deletionList.add(original.get(originalIndex));
                }
                originalIndex++;
            } else {
                if (!options.ignoreChangesAndAdditions()) {
                    addList.add(modifiedScalars.get(modifiedIndex));
                }
                modifiedIndex++;
            }
        }
        return new Diff(addList, deduplicateScalars(deletionList), null);
    }

    /** 0: the same; negative: list 1 has a value list 2 lacks; positive: list 2 has a value list 1 lacks. */
    private static int compareListValuesAtIndex(boolean list1InBounds, boolean list2InBounds, String list1Value, String list2Value) {
        boolean bothInBounds = list1InBounds && list2InBounds;
        if (bothInBounds && list1Value.equals(list2Value)) {
            return 0;
        }
        if (!list1InBounds) {
            return 1;
        }
        if (!list2InBounds) {
            return -1;
        }
        return list1Value.compareTo(list2Value) > 0 ? 1 : -1;
    }

    private static Diff diffListsOfMaps(List<JsonNode> original, List<JsonNode> modified, PatchMeta schema, String mergeKey,
            DiffOptions options) throws PatchException {
        List<JsonNode> patch = new ArrayList<>();
        List<JsonNode> deletionList = new ArrayList<>();
        List<JsonNode> originalSorted = sortMapsByField(original, mergeKey);
        List<JsonNode> modifiedSorted = sortMapsByField(modified, mergeKey);
        int originalIndex = 0;
        int modifiedIndex = 0;
        while (true) {
            boolean originalInBounds = originalIndex < originalSorted.size();
            boolean modifiedInBounds = modifiedIndex < modifiedSorted.size();
            boolean bothInBounds = originalInBounds && modifiedInBounds;
            if (!originalInBounds && !modifiedInBounds) {
                break;
            }
            ObjectNode originalElement = null;
            ObjectNode modifiedElement = null;
            JsonNode originalKeyValue = null;
            JsonNode modifiedKeyValue = null;
            String originalString = "";
            String modifiedString = "";
            if (originalInBounds) {
                originalElement = mapWithMergeKey(originalSorted.get(originalIndex), mergeKey);
                originalKeyValue = originalElement.get(mergeKey);
                originalString = text(originalKeyValue);
            }
            if (modifiedInBounds) {
                modifiedElement = mapWithMergeKey(modifiedSorted.get(modifiedIndex), mergeKey);
                modifiedKeyValue = modifiedElement.get(mergeKey);
                modifiedString = text(modifiedKeyValue);
            }
            if (bothInBounds && originalString.equals(modifiedString)) {
                ObjectNode patchValue = diffMaps(originalElement, modifiedElement, schema, options);
                if (!patchValue.isEmpty()) {
                    patchValue.set(mergeKey, modifiedKeyValue);
                    patch.add(patchValue);
                }
                originalIndex++;
                modifiedIndex++;
            } else if (!originalInBounds || (bothInBounds && originalString.compareTo(modifiedString) > 0)) {
                if (!options.ignoreChangesAndAdditions()) {
                    patch.add(modifiedElement);
                }
                modifiedIndex++;
            } else {
                if (!options.ignoreDeletions()) {
                    ObjectNode delete = NODES.objectNode();
                    delete.set(mergeKey, originalKeyValue);
                    delete.put(DIRECTIVE_MARKER, DELETE_DIRECTIVE);
                    deletionList.add(delete);
                }
                originalIndex++;
            }
        }
        return new Diff(patch, deletionList, null);
    }

    private static ObjectNode mapWithMergeKey(JsonNode item, String mergeKey) throws PatchException {
        if (!item.isObject()) {
            throw new PatchException("expected a map, but got " + item);
        }
        if (!item.has(mergeKey)) {
            throw new PatchException("map: " + item + " does not contain declared merge key: " + mergeKey);
        }
        return (ObjectNode) item;
    }

    private static List<JsonNode> normalizeElementOrder(List<JsonNode> patch, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
            List<JsonNode> serverOrder, String mergeKey, Kind kind) throws PatchException {
        List<JsonNode> sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
        List<JsonNode> sortedServerOnly = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
        return mergeSortedSlice(sortedServerOnly, sortedPatch, serverOrder, mergeKey, kind);
    }

    /**
     * Each item of {@code left} inserted into {@code right}: before the first item of {@code right} the live order
     * ({@code serverOrder}) puts after it; both lists keep their own order.
     */
    private static List<JsonNode> mergeSortedSlice(List<JsonNode> left, List<JsonNode> right, List<JsonNode> serverOrder, String mergeKey,
            Kind kind) {
        List<JsonNode> s = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        for (int k = 0; k < left.size() + right.size(); k++) {
            if (i >= left.size() && j < right.size()) {
                s.add(right.get(j++));
            } else if (j >= right.size() && i < left.size()) {
                s.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey, kind);
                int ri = index(serverOrder, right.get(j), mergeKey, kind);
                if (li >= 0 && ri >= 0 && li < ri) {
                    s.add(left.get(i++));
                } else {
                    s.add(right.get(j++));
                }
            }
        }
        return s;
    }

    private static int index(List<JsonNode> l, JsonNode value, String mergeKey, Kind kind) {
        JsonNode looked = keyValue(value, mergeKey, kind);
        for (int i = 0; i < l.size(); i++) {
            if (same(looked, keyValue(l.get(i), mergeKey, kind))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode keyValue(JsonNode item, String mergeKey, Kind kind) {
        if (kind != Kind.MAP) {
            return item;
        }
        return item != null && item.isObject() ? item.get(mergeKey) : null;
    }

    /** {@code toSort} in the order of {@code order}, items marked {@code $patch: delete} last. */
    private static List<JsonNode> normalizeSliceOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey, Kind kind)
            throws PatchException {
        List<JsonNode> sorted = new ArrayList<>(toSort == null ? List.of() : toSort);
        List<JsonNode> toDelete = List.of();
        if (kind == Kind.MAP) {
            validateMergeKeyInLists(mergeKey, sorted, order);
            List<List<JsonNode>> split = extractToDeleteItems(sorted);
            sorted = split.get(0);
            toDelete = split.get(1);
        }
        // upstream's order puts an item missing from `order` first; every item here comes from `order`
        sorted.sort(Comparator.comparingInt(v -> {
            int i = index(order, v, mergeKey, kind);
            return i < 0 ? -1 : i;
        }));
        sorted.addAll(toDelete);
        return sorted;
    }

    private static void validateMergeKeyInLists(String mergeKey, List<JsonNode> a, List<JsonNode> b) throws PatchException {
        for (List<JsonNode> list : List.of(a, b)) {
            for (JsonNode item : list) {
                mapWithMergeKey(item, mergeKey);
            }
        }
    }

    private static List<List<JsonNode>> extractToDeleteItems(List<JsonNode> l) throws PatchException {
        List<JsonNode> nonDelete = new ArrayList<>();
        List<JsonNode> toDelete = new ArrayList<>();
        for (JsonNode v : l) {
            if (!v.isObject()) {
                throw new PatchException("expected a map, but got " + v);
            }
            if (DELETE_DIRECTIVE.equals(v.path(DIRECTIVE_MARKER).asText(null))) {
                toDelete.add(v);
            } else {
                nonDelete.add(v);
            }
        }
        return List.of(nonDelete, toDelete);
    }

    static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchMeta schema, MergeOptions options) throws PatchException {
        if (patch.has(DIRECTIVE_MARKER)) {
            return handleDirectiveInMergeMap(patch.get(DIRECTIVE_MARKER), patch);
        }
        if (original == null) {
            original = NODES.objectNode();
        }
        applyRetainKeysDirective(original, patch, options);
        mergePatchIntoOriginal(original, patch, schema, options);
        for (String k : names(patch)) {
            JsonNode patchV = patch.get(k);
            boolean isDeleteList = false;
            if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
                if (!options.mergeParallelList()) {
                    original.set(k, patchV);
                    continue;
                }
                k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
                isDeleteList = true;
            }
            if (patchV.isNull()) {
                original.remove(k);
                if (options.ignoreUnmatchedNulls()) {
                    continue;
                }
            }
            if (!original.has(k) || !sameType(original.get(k), patchV)) {
                if (!isDeleteList) {
                    if (options.ignoreUnmatchedNulls()) {
                        discardNullValuesFromPatch(patchV);
                    }
                    setWithoutDirectives(original, k, patchV);
                }
                continue;
            }
            JsonNode originalV = original.get(k);
            if (originalV.isObject()) {
                PatchMeta.Field field = lookup(schema, k, false);
                Strategy strategy = Strategy.of(field.strategies());
                original.set(k, REPLACE_DIRECTIVE.equals(strategy.strategy()) ? patchV
                        : mergeMap((ObjectNode) originalV, (ObjectNode) patchV, field.value(), options));
            } else if (originalV.isArray()) {
                PatchMeta.Field field = lookup(schema, k, true);
                Strategy strategy = Strategy.of(field.strategies());
                original.set(k, array(mergeSliceHandler(elements(originalV), elements(patchV), field.value(), strategy.strategy(),
                        field.mergeKey(), isDeleteList, options)));
            } else {
                setWithoutDirectives(original, k, patchV);
            }
        }
        return original;
    }

    private static PatchMeta.Field lookup(PatchMeta schema, String key, boolean slice) throws PatchException {
        try {
            return slice ? schema.lookupForSlice(key) : schema.lookupForStruct(key);
        } catch (PatchMeta.UnknownFieldException e) {
            throw new PatchException(e.getMessage());
        }
    }

    private static void setWithoutDirectives(ObjectNode original, String k, JsonNode patchV) {
        JsonNode v = removeDirectives(patchV);
        if (v == null) {
            original.remove(k);
        } else {
            original.set(k, v);
        }
    }

    private static ObjectNode handleDirectiveInMergeMap(JsonNode directive, ObjectNode patch) throws PatchException {
        if (REPLACE_DIRECTIVE.equals(directive.asText(null)) && directive.isTextual()) {
            patch.remove(DIRECTIVE_MARKER);
            return patch;
        }
        if (DELETE_DIRECTIVE.equals(directive.asText(null)) && directive.isTextual()) {
            return NODES.objectNode();
        }
        throw new PatchException("Unknown patch type: " + directive + " in map: " + patch);
    }

    /** Two patches: their {@code $retainKeys} lists must agree; the one only {@code patch} has moves to {@code original}. */
    private static void applyRetainKeysDirective(ObjectNode original, ObjectNode patch, MergeOptions options) throws PatchException {
        JsonNode retainKeysInPatch = patch.get(RETAIN_KEYS_DIRECTIVE);
        if (retainKeysInPatch == null) {
            return;
        }
        patch.remove(RETAIN_KEYS_DIRECTIVE);
        if (!options.mergeParallelList()) {
            JsonNode retainKeysInOriginal = original.get(RETAIN_KEYS_DIRECTIVE);
            if (retainKeysInOriginal != null) {
                if (!deepEqual(retainKeysInOriginal, retainKeysInPatch)) {
                    throw new PatchException(retainKeysInOriginal + " and " + retainKeysInPatch
                            + " are not deep equal: this may happen when calculating the 3-way diff patch");
                }
            } else {
                original.set(RETAIN_KEYS_DIRECTIVE, retainKeysInPatch);
            }
            return;
        }
        if (!retainKeysInPatch.isArray()) {
            throw new PatchException("invalid patch: the value of $retainKeys must be a list");
        }
        Set<String> keep = new HashSet<>();
        retainKeysInPatch.forEach(v -> keep.add(v.asText()));
        for (String k : names(patch)) {
            JsonNode v = patch.get(k);
            if (v.isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
                continue;
            }
            if (!keep.contains(k)) {
                throw new PatchException("invalid patch: " + k + " is not in $retainKeys");
            }
        }
        for (String k : names(original)) {
            if (!keep.contains(k)) {
                original.remove(k);
            }
        }
    }

    /**
     * {@code $setElementOrder} lists: the one of {@code patch} moves to {@code original} (they must agree when both
     * have it), and the list it orders is merged and put in that order, items only {@code original} has placed as
     * they were there.
     */
    private static void mergePatchIntoOriginal(ObjectNode original, ObjectNode patch, PatchMeta schema, MergeOptions options)
            throws PatchException {
        for (String key : names(patch)) {
            if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX) || !patch.has(key)) {
                continue;
            }
            JsonNode setElementOrderInPatch = patch.get(key);
            if (!options.mergeParallelList()) {
                JsonNode inOriginal = original.get(key);
                if (inOriginal != null) {
                    if (!deepEqual(inOriginal, setElementOrderInPatch)) {
                        throw new PatchException("invalid patch: the $setElementOrder lists of the two patches differ");
                    }
                } else {
                    original.set(key, setElementOrderInPatch);
                }
            }
            patch.remove(key);
            if (!setElementOrderInPatch.isArray()) {
                throw new PatchException("invalid patch: the value of " + key + " must be a list");
            }
            List<JsonNode> setOrder = elements(setElementOrderInPatch);
            String originalKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
            JsonNode originalList = original.get(originalKey);
            JsonNode patchList = patch.get(originalKey);
            List<JsonNode> originalFieldValue = List.of();
            List<JsonNode> patchFieldValue = List.of();
            if (originalList != null) {
                if (!originalList.isArray()) {
                    throw new PatchException("expected a list for " + originalKey + ", but got " + originalList);
                }
                originalFieldValue = elements(originalList);
            }
            if (patchList != null) {
                if (!patchList.isArray()) {
                    throw new PatchException("expected a list for " + originalKey + ", but got " + patchList);
                }
                patchFieldValue = elements(patchList);
            }
            PatchMeta.Field field = lookup(schema, originalKey, true);
            Strategy strategy = Strategy.of(field.strategies());
            validatePatchWithSetOrderList(patchFieldValue, setOrder, field.mergeKey());
            List<JsonNode> merged;
            if (originalList != null && patchList == null) {
                merged = originalFieldValue;
            } else if (originalList == null && patchList != null) {
                merged = elements(removeDirectives(patchList));
            } else if (originalList != null) {
                merged = mergeSliceHandler(originalFieldValue, patchFieldValue, field.value(), strategy.strategy(), field.mergeKey(), false,
                        options);
            } else {
                continue;
            }
            List<List<JsonNode>> parts = field.mergeKey().isEmpty() ? partitionPrimitivesByPresentInList(merged, setOrder)
                    : partitionMapsByPresentInList(merged, setOrder, field.mergeKey());
            Kind kind = sliceElementKind(originalFieldValue, patchFieldValue);
            original.set(originalKey, array(normalizeElementOrder(parts.get(0), parts.get(1), setOrder, originalFieldValue,
                    field.mergeKey(), kind)));
            patch.remove(originalKey);
        }
    }

    private static void validatePatchWithSetOrderList(List<JsonNode> patchList, List<JsonNode> setOrderList, String mergeKey)
            throws PatchException {
        if (setOrderList.isEmpty() || patchList.isEmpty()) {
            return;
        }
        List<JsonNode> nonDeleteList = mergeKey.isEmpty() ? patchList : extractToDeleteItems(patchList).get(0);
        int patchIndex = 0;
        int setOrderIndex = 0;
        while (patchIndex < nonDeleteList.size() && setOrderIndex < setOrderList.size()) {
            JsonNode item = nonDeleteList.get(patchIndex);
            if (item.isObject() && item.has(DIRECTIVE_MARKER)) {
                patchIndex++;
                continue;
            }
            if (mergeKeyValueEqual(item, setOrderList.get(setOrderIndex), mergeKey)) {
                patchIndex++;
            }
            setOrderIndex++;
        }
        if (patchIndex < nonDeleteList.size() && setOrderIndex >= setOrderList.size()) {
            throw new PatchException("The order in patch list:\n" + patchList + "\n doesn't match " + SET_ELEMENT_ORDER_PREFIX + " list:\n"
                    + setOrderList + "\n");
        }
    }

    private static List<List<JsonNode>> partitionPrimitivesByPresentInList(List<JsonNode> original, List<JsonNode> partitionBy) {
        List<JsonNode> patch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode v : original) {
            if (partitionBy.stream().anyMatch(p -> same(p, v))) {
                patch.add(v);
            } else {
                serverOnly.add(v);
            }
        }
        return List.of(patch, serverOnly);
    }

    private static List<List<JsonNode>> partitionMapsByPresentInList(List<JsonNode> original, List<JsonNode> partitionBy, String mergeKey)
            throws PatchException {
        List<JsonNode> patch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode v : original) {
            ObjectNode typed = mapWithMergeKey(v, mergeKey);
            if (findMapInSliceBasedOnKeyValue(partitionBy, mergeKey, typed.get(mergeKey)) >= 0) {
                patch.add(v);
            } else {
                serverOnly.add(v);
            }
        }
        return List.of(patch, serverOnly);
    }

    private static List<JsonNode> mergeSliceHandler(List<JsonNode> original, List<JsonNode> patch, PatchMeta schema, String strategy,
            String mergeKey, boolean isDeleteList, MergeOptions options) throws PatchException {
        if (MERGE_DIRECTIVE.equals(strategy) || isDeleteList) {
            return mergeSlice(original, patch, schema, mergeKey, options, isDeleteList);
        }
        return patch;
    }

    private static List<JsonNode> mergeSlice(List<JsonNode> original, List<JsonNode> patch, PatchMeta schema, String mergeKey,
            MergeOptions options, boolean isDeleteList) throws PatchException {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        Kind kind = sliceElementKind(original, patch);
        List<JsonNode> merged;
        if (kind != Kind.MAP) {
            if (options.mergeParallelList() && isDeleteList) {
                List<JsonNode> toDelete = patch;
                return original.stream().filter(v -> toDelete.stream().noneMatch(d -> same(d, v))).toList();
            }
            List<JsonNode> both = new ArrayList<>(original);
            both.addAll(patch);
            merged = deduplicateScalars(both);
        } else {
            if (mergeKey.isEmpty()) {
                throw new PatchException("cannot merge lists without merge key for " + schema.name());
            }
            List<JsonNode> patchWithoutSpecialElements = new ArrayList<>();
            boolean replace = false;
            List<JsonNode> remaining = new ArrayList<>(original);
            for (JsonNode v : patch) {
                JsonNode patchType = v.get(DIRECTIVE_MARKER);
                if (patchType == null) {
                    patchWithoutSpecialElements.add(v);
                } else if (DELETE_DIRECTIVE.equals(patchType.asText(null))) {
                    JsonNode mergeValue = mapWithMergeKey(v, mergeKey).get(mergeKey);
                    int at;
                    while ((at = findMapInSliceBasedOnKeyValue(remaining, mergeKey, mergeValue)) >= 0) {
                        remaining.remove(at);
                    }
                } else if (REPLACE_DIRECTIVE.equals(patchType.asText(null))) {
                    replace = true;
                } else if (MERGE_DIRECTIVE.equals(patchType.asText(null))) {
                    throw new PatchException("merging lists cannot yet be specified in the patch");
                } else {
                    throw new PatchException("Unknown patch type: " + patchType + " in map: " + v);
                }
            }
            List<JsonNode> rest;
            if (replace) {
                original = patchWithoutSpecialElements;
                rest = List.of();
            } else {
                original = remaining;
                rest = patchWithoutSpecialElements;
            }
            merged = new ArrayList<>(original);
            for (JsonNode v : rest) {
                JsonNode mergeValue = mapWithMergeKey(v, mergeKey).get(mergeKey);
                int at = findMapInSliceBasedOnKeyValue(merged, mergeKey, mergeValue);
                if (at >= 0) {
                    merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) v, schema, options));
                } else {
                    merged.add(v);
                }
            }
            patch = rest;
        }
        List<List<JsonNode>> parts = mergeKey.isEmpty() ? partitionPrimitivesByPresentInList(merged, patch)
                : partitionMapsByPresentInList(merged, patch, mergeKey);
        return normalizeElementOrder(parts.get(0), parts.get(1), patch, original, mergeKey, kind);
    }

    private static int findMapInSliceBasedOnKeyValue(List<JsonNode> m, String key, JsonNode value) throws PatchException {
        for (int i = 0; i < m.size(); i++) {
            JsonNode v = m.get(i);
            if (!v.isObject()) {
                throw new PatchException("value for key " + i + " is not a map");
            }
            if (v.has(key) && same(v.get(key), value)) {
                return i;
            }
        }
        return -1;
    }

    /** The value without {@code $patch} directives; {@code null} when the value itself is one. */
    private static JsonNode removeDirectives(JsonNode obj) {
        if (obj.isObject()) {
            if (obj.has(DIRECTIVE_MARKER)) {
                return null;
            }
            ObjectNode typed = (ObjectNode) obj;
            for (String k : names(typed)) {
                JsonNode v = removeDirectives(typed.get(k));
                if (v == null) {
                    typed.remove(k);
                } else {
                    typed.set(k, v);
                }
            }
            return typed;
        }
        if (obj.isArray()) {
            ArrayNode res = NODES.arrayNode();
            for (JsonNode v : obj) {
                JsonNode kept = removeDirectives(v);
                if (kept != null) {
                    res.add(kept);
                }
            }
            return res;
        }
        return obj;
    }

    private static void discardNullValuesFromPatch(JsonNode patchV) {
        if (patchV.isObject()) {
            ObjectNode typed = (ObjectNode) patchV;
            for (String k : names(typed)) {
                if (typed.get(k).isNull()) {
                    typed.remove(k);
                } else {
                    discardNullValuesFromPatch(typed.get(k));
                }
            }
        } else if (patchV.isArray()) {
            patchV.forEach(StrategicMergePatch::discardNullValuesFromPatch);
        }
    }

    private static String extractKey(String s, String prefix) throws PatchException {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(0, slash).equals(prefix)) {
            throw new PatchException("invalid patch: " + s + " is not " + prefix + "/<field>");
        }
        return s.substring(slash + 1);
    }

    /**
     * {@code sortMergeListsByNameMap}: every list with the {@code merge} strategy sorted by its merge key (lists of
     * scalars deduplicated and sorted), {@code $retainKeys} and {@code $deleteFromPrimitiveList} lists sorted.
     */
    static ObjectNode sortMergeListsByName(ObjectNode s, PatchMeta schema) throws PatchException {
        ObjectNode sorted = NODES.objectNode();
        for (String k : names(s)) {
            JsonNode v = s.get(k);
            if (k.equals(RETAIN_KEYS_DIRECTIVE) || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
                if (!v.isArray()) {
                    throw new PatchException("invalid patch: the value of " + k + " must be a list");
                }
                v = array(sortScalars(elements(v)));
            } else if (k.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
                if (!v.isArray()) {
                    throw new PatchException("invalid patch: the value of " + k + " must be a list");
                }
            } else if (!k.equals(DIRECTIVE_MARKER)) {
                if (v.isObject()) {
                    v = sortMergeListsByName((ObjectNode) v, lookup(schema, k, false).value());
                } else if (v.isArray()) {
                    PatchMeta.Field field = lookup(schema, k, true);
                    if (MERGE_DIRECTIVE.equals(Strategy.of(field.strategies()).strategy())) {
                        v = array(sortMergeListsByNameArray(elements(v), field.value(), field.mergeKey()));
                    }
                }
            }
            sorted.set(k, v);
        }
        return sorted;
    }

    private static List<JsonNode> sortMergeListsByNameArray(List<JsonNode> s, PatchMeta schema, String mergeKey) throws PatchException {
        if (s.isEmpty()) {
            return s;
        }
        if (sliceElementKind(s, List.of()) != Kind.MAP) {
            return sortScalars(deduplicateScalars(new ArrayList<>(s)));
        }
        List<JsonNode> sorted = new ArrayList<>();
        for (JsonNode elem : s) {
            sorted.add(sortMergeListsByName((ObjectNode) elem, schema));
        }
        return sortMapsByField(sorted, mergeKey);
    }

    private static List<JsonNode> sortMapsByField(List<JsonNode> m, String fieldName) throws PatchException {
        for (JsonNode v : m) {
            if (!v.isObject()) {
                throw new PatchException("expected a map, but got " + v);
            }
        }
        List<JsonNode> sorted = new ArrayList<>(m);
        sorted.sort(Comparator.comparing(v -> text(v.get(fieldName))));
        return sorted;
    }

    private static List<JsonNode> sortScalars(List<JsonNode> s) {
        List<JsonNode> sorted = new ArrayList<>(s);
        sorted.sort(Comparator.comparing(StrategicMergePatch::text));
        return sorted;
    }

    /** Upstream's deduplication, which moves the last item into the place of a duplicate. */
    private static List<JsonNode> deduplicateScalars(List<JsonNode> list) {
        List<JsonNode> s = new ArrayList<>(list);
        int length = s.size() - 1;
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j <= length; j++) {
                if (same(s.get(i), s.get(j))) {
                    s.set(j, s.get(length));
                    s.remove(length);
                    length--;
                    j--;
                }
            }
        }
        return s;
    }

    /** A field's strategy besides {@code retainKeys}, as {@code extractRetainKeysPatchStrategy} splits them. */
    private record Strategy(boolean retainKeys, String strategy) {
        static Strategy of(List<String> strategies) throws PatchException {
            switch (strategies.size()) {
                case 0:
                    return new Strategy(false, "");
                case 1:
                    return RETAIN_KEYS_STRATEGY.equals(strategies.get(0)) ? new Strategy(true, "") : new Strategy(false, strategies.get(0));
                case 2:
                    if (RETAIN_KEYS_STRATEGY.equals(strategies.get(0))) {
                        return new Strategy(true, strategies.get(1));
                    }
                    if (RETAIN_KEYS_STRATEGY.equals(strategies.get(1))) {
                        return new Strategy(true, strategies.get(0));
                    }
                    throw new PatchException("unexpected patch strategy: " + strategies);
                default:
                    throw new PatchException("unexpected patch strategy: " + strategies);
            }
        }
    }

    private static Kind sliceElementKind(List<JsonNode> a, List<JsonNode> b) throws PatchException {
        String previous = null;
        for (List<JsonNode> s : List.of(a, b)) {
            for (JsonNode v : s) {
                String type = type(v);
                if (previous == null) {
                    previous = type;
                    if (v.isArray()) {
                        throw new PatchException("lists of lists are not supported");
                    }
                } else if (!previous.equals(type)) {
                    throw new PatchException("list element types are not identical: " + a + " " + b);
                }
            }
        }
        if (previous == null) {
            throw new PatchException("no elements in any of the given slices");
        }
        return previous.equals("object") ? Kind.MAP : Kind.SCALAR;
    }

    private static String type(JsonNode v) {
        if (v.isObject()) {
            return "object";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isNumber()) {
            return "number";
        }
        return v.getNodeType().name();
    }

    private static boolean sameType(JsonNode a, JsonNode b) {
        return type(a).equals(type(b));
    }

    private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) throws PatchException {
        if (mergeKey.isEmpty()) {
            return same(left, right);
        }
        return same(mapWithMergeKey(left, mergeKey).get(mergeKey), mapWithMergeKey(right, mergeKey).get(mergeKey));
    }

    private static boolean hasAdditionalNewField(ObjectNode original, ObjectNode modified) {
        for (String k : names(original)) {
            if (!original.get(k).isNull() && !modified.has(k)) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code ==} on decoded scalars, numbers by value. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b || (a == null ? b.isNull() : a.isNull());
        }
        return ThreeWayMergePatch.SAME_VALUE.compare(a, b) == 0;
    }

    private static boolean deepEqual(JsonNode a, JsonNode b) {
        return a.equals(ThreeWayMergePatch.SAME_VALUE, b);
    }

    private static boolean deepEqual(List<JsonNode> a, List<JsonNode> b) {
        return deepEqual(array(a), array(b));
    }

    /** Go's {@code fmt.Sprintf("%v")} of a decoded scalar, the key upstream sorts and matches list items by. */
    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "<nil>";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            java.math.BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return v.toString();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        Objects.requireNonNull(array).forEach(elements::add);
        return elements;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }
}
