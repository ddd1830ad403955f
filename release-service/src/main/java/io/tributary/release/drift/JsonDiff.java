package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Patch that turns one document into another, as wI2L/jsondiff v0.6.1's {@code Compare} does with the options
 * Flux uses: object keys in sorted order, arrays compared index by index (surplus elements removed at the first
 * surplus index, missing ones appended at {@code /-}), and with {@code rationalize} a set of operations under one
 * path replaced by a single {@code replace} of that path whenever that is shorter as JSON. Numbers compare by value.
 * Unlike jsondiff, the document itself is never rationalized into one {@code replace} of the root: applied to a
 * Kubernetes object that patch would drop what the compared documents left out (the metadata). Pure.
 */
public final class JsonDiff {

    private static final int OP_BASE = "{\"op\":\"\",\"path\":\"\"}".length();
    private static final int VALUE_FIELD = ",\"value\":".length();

    private final boolean rationalize;
    private final Set<String> ignores;
    private final List<PatchOperation> patch = new ArrayList<>();

    private JsonDiff(boolean rationalize, Set<String> ignores) {
        this.rationalize = rationalize;
        this.ignores = ignores;
    }

    public static List<PatchOperation> compare(JsonNode source, JsonNode target, boolean rationalize) {
        return compare(source, target, rationalize, Set.of());
    }

    /** @param ignores pointers whose values are not compared (jsondiff's {@code Ignores} option) */
    public static List<PatchOperation> compare(JsonNode source, JsonNode target, boolean rationalize, Set<String> ignores) {
        return compareAt("", source, target, rationalize, ignores);
    }

    /** As {@link #compare}, for documents found at {@code base} (a pointer) in larger ones. */
    public static List<PatchOperation> compareAt(String base, JsonNode source, JsonNode target, boolean rationalize,
            Set<String> ignores) {
        JsonDiff d = new JsonDiff(rationalize, ignores);
        d.diff(base, source, target);
        return List.copyOf(d.patch);
    }

    private void diff(String ptr, JsonNode src, JsonNode tgt) {
        if (ignores.contains(ptr)) {
            return;
        }
        if (!comparable(src, tgt)) {
            if (ptr.isEmpty()) {
                patch.add(PatchOperation.add(ptr, tgt));
            } else {
                patch.add(PatchOperation.replace(ptr, src, tgt));
            }
            return;
        }
        if (equal(src, tgt)) {
            return;
        }
        int size = patch.size();
        if (src.isArray()) {
            compareArrays(ptr, src, tgt);
        } else if (src.isObject()) {
            compareObjects(ptr, src, tgt);
        } else {
            patch.add(PatchOperation.replace(ptr, src, tgt));
            return;
        }
        if (rationalize && patch.size() > size && !ptr.isEmpty()) {
            rationalize(ptr, src, tgt, size);
        }
    }

    private void compareObjects(String ptr, JsonNode src, JsonNode tgt) {
        Set<String> keys = new TreeSet<>();
        src.fieldNames().forEachRemaining(keys::add);
        tgt.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            String p = ptr + "/" + JsonPointers.escape(k);
            boolean inOld = src.has(k);
            boolean inNew = tgt.has(k);
            if (inOld && inNew) {
                diff(p, src.get(k), tgt.get(k));
            } else if (ignores.contains(p)) {
                continue;
            } else if (inOld) {
                patch.add(PatchOperation.remove(p, src.get(k)));
            } else {
                patch.add(PatchOperation.add(p, tgt.get(k)));
            }
        }
    }

    private void compareArrays(String ptr, JsonNode src, JsonNode tgt) {
        int sl = src.size();
        int tl = tgt.size();
        int ml = Math.min(sl, tl);
        if (tl < sl) {
            String removal = ptr + "/" + ml;
            for (int i = ml; i < sl; i++) {
                if (!ignores.contains(ptr + "/" + i)) {
                    patch.add(PatchOperation.remove(removal, src.get(i)));
                }
            }
        }
        for (int i = 0; i < ml; i++) {
            diff(ptr + "/" + i, src.get(i), tgt.get(i));
        }
        if (tl > sl) {
            String append = ptr + "/-";
            for (int i = ml; i < tl; i++) {
                if (!ignores.contains(ptr + "/" + i)) {
                    patch.add(PatchOperation.add(append, tgt.get(i)));
                }
            }
        }
    }

    /** One replace of {@code ptr} instead of the operations since {@code from}, when it is shorter. */
    private void rationalize(String ptr, JsonNode src, JsonNode tgt, int from) {
        List<PatchOperation> current = patch.subList(from, patch.size());
        int currentLength = current.size() > 1 ? current.size() - 1 : 0;
        for (PatchOperation op : current) {
            currentLength += length(op);
        }
        int replaceLength = OP_BASE + PatchOperation.REPLACE.length() + utf8(ptr) + VALUE_FIELD + GoJsonLength.of(tgt);
        if (currentLength > replaceLength) {
            current.clear();
            patch.add(PatchOperation.replace(ptr, src, tgt));
        }
    }

    /**
     * An operation's length as jsondiff counts it: an add counts no value (it records none when not factorizing), a
     * replace its value's JSON, a remove none.
     */
    private static int length(PatchOperation op) {
        int length = OP_BASE + op.op().length() + utf8(op.path());
        if (PatchOperation.ADD.equals(op.op())) {
            length += VALUE_FIELD;
        } else if (PatchOperation.REPLACE.equals(op.op())) {
            length += VALUE_FIELD + GoJsonLength.of(op.value());
        }
        return length;
    }

    private static int utf8(String s) {
        return GoJsonLength.string(s) - 2;
    }

    /** Same JSON type: both objects, arrays, strings, numbers, booleans or nulls. */
    static boolean comparable(JsonNode a, JsonNode b) {
        return kind(a) == kind(b);
    }

    private static int kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return 0;
        }
        if (n.isObject()) {
            return 1;
        }
        if (n.isArray()) {
            return 2;
        }
        if (n.isTextual()) {
            return 3;
        }
        if (n.isNumber()) {
            return 4;
        }
        if (n.isBoolean()) {
            return 5;
        }
        return 6;
    }

    /** Deep equality, numbers by value as Go's float64 after {@code json.Unmarshal}. */
    static boolean equal(JsonNode a, JsonNode b) {
        int kind = kind(a);
        if (kind != kind(b)) {
            return false;
        }
        switch (kind) {
            case 0:
                return true;
            case 1: {
                if (a.size() != b.size()) {
                    return false;
                }
                for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!b.has(k) || !equal(a.get(k), b.get(k))) {
                        return false;
                    }
                }
                return true;
            }
            case 2: {
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!equal(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case 4:
                return a.doubleValue() == b.doubleValue();
            default:
                return a.equals(b);
        }
    }
}
