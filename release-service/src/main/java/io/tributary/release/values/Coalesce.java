package io.tributary.release.values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Helm's values coalescing ({@code pkg/chart/common/util/coalesce.go}, Helm 4): how a chart's defaults, its subcharts'
 * defaults and the values given to a release become the values a template sees, and how {@code --reuse-values}
 * (Flux's {@code upgrade.preserveValues}) folds a release's stored values into new ones. Maps merge, scalars and lists
 * replace, a {@code null} given by the user removes the key (coalescing) or is kept (merging). Warnings Helm prints
 * go to the {@code warnings} consumer, worded as Helm words them.
 */
public final class Coalesce {

    /** The key of the values every chart of a release sees. */
    public static final String GLOBAL_KEY = "global";

    /** A chart as coalescing needs it: its name, its default values and its subcharts. */
    public record Chart(String name, Map<String, Object> values, List<Chart> dependencies) {
        public Chart {
            dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        }

        public static Chart of(String name, Map<String, Object> values) {
            return new Chart(name, values, List.of());
        }
    }

    private Coalesce() {
    }

    /** {@code CoalesceValues}: the chart's and its subcharts' values under {@code vals}, nulls removing keys. */
    public static Map<String, Object> coalesceValues(Chart chart, Map<String, Object> vals) {
        return coalesceValues(chart, vals, w -> { });
    }

    public static Map<String, Object> coalesceValues(Chart chart, Map<String, Object> vals, Consumer<String> warnings) {
        return coalesce(warnings, chart, copyValues(vals), "", false);
    }

    /** {@code MergeValues}: as {@link #coalesceValues(Chart, Map)}, the nulls kept. */
    public static Map<String, Object> mergeValues(Chart chart, Map<String, Object> vals) {
        return coalesce(w -> { }, chart, copyValues(vals), "", true);
    }

    /** {@code CoalesceTables}: {@code src} merged into {@code dst}, which wins; changes and returns {@code dst}. */
    public static Map<String, Object> coalesceTables(Map<String, Object> dst, Map<String, Object> src) {
        return coalesceTablesFullKey(w -> { }, dst, src, "", false);
    }

    /** {@code MergeTables}: as {@link #coalesceTables}, the nulls of {@code dst} kept. */
    public static Map<String, Object> mergeTables(Map<String, Object> dst, Map<String, Object> src) {
        return coalesceTablesFullKey(w -> { }, dst, src, "", true);
    }

    static String concatPrefix(String a, String b) {
        return a.isEmpty() ? b : a + "." + b;
    }

    /** A deep copy of nested maps and lists, as Helm's {@code copystructure.Copy}. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    private static Map<String, Object> copyValues(Map<String, Object> vals) {
        Map<String, Object> copy = deepCopy(vals);
        return copy == null ? new LinkedHashMap<>() : copy;
    }

    private static Map<String, Object> coalesce(Consumer<String> printf, Chart chart, Map<String, Object> dest, String prefix,
            boolean merge) {
        coalesceValues(printf, chart, dest, prefix, merge);
        return coalesceDeps(printf, chart, dest, prefix, merge);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> coalesceDeps(Consumer<String> printf, Chart chart, Map<String, Object> dest, String prefix,
            boolean merge) {
        for (Chart sub : chart.dependencies()) {
            Object c = dest.get(sub.name());
            if (!dest.containsKey(sub.name())) {
                dest.put(sub.name(), new LinkedHashMap<String, Object>());
            } else if (!isTable(c)) {
                throw new IllegalArgumentException("type mismatch on " + sub.name() + ": " + goBool(c));
            }
            Map<String, Object> dvmap = (Map<String, Object>) dest.get(sub.name());
            String subPrefix = concatPrefix(prefix, chart.name());
            coalesceGlobals(printf, dvmap, dest, subPrefix);
            dest.put(sub.name(), coalesce(printf, sub, dvmap, subPrefix, merge));
        }
        return dest;
    }

    /** Go's {@code %t} of a value that is not a bool. */
    private static String goBool(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value == null) {
            return "%!t(<nil>)";
        }
        return "%!t(" + goType(value) + "=" + goValue(value) + ")";
    }

    private static String goType(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "int";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float64";
        }
        if (value instanceof List) {
            return "[]interface {}";
        }
        return value.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static void coalesceGlobals(Consumer<String> printf, Map<String, Object> dest, Map<String, Object> src, String prefix) {
        Map<String, Object> dg;
        Map<String, Object> sg;
        if (!dest.containsKey(GLOBAL_KEY)) {
            dg = new LinkedHashMap<>();
        } else if (dest.get(GLOBAL_KEY) instanceof Map<?, ?> m) {
            dg = (Map<String, Object>) m;
        } else {
            printf.accept("warning: skipping globals because destination " + GLOBAL_KEY + " is not a table.");
            return;
        }
        if (!src.containsKey(GLOBAL_KEY)) {
            sg = new LinkedHashMap<>();
        } else if (src.get(GLOBAL_KEY) instanceof Map<?, ?> m) {
            sg = (Map<String, Object>) m;
        } else {
            printf.accept("warning: skipping globals because source " + GLOBAL_KEY + " is not a table.");
            return;
        }
        for (Map.Entry<String, Object> e : sg.entrySet()) {
            String key = e.getKey();
            Object val = e.getValue();
            if (isTable(val)) {
                Map<String, Object> vv = new LinkedHashMap<>((Map<String, Object>) val);
                if (!dg.containsKey(key)) {
                    dg.put(key, vv);
                } else if (dg.get(key) instanceof Map<?, ?> destvmap) {
                    coalesceTablesFullKey(printf, vv, (Map<String, Object>) destvmap, concatPrefix(prefix, key), true);
                    dg.put(key, vv);
                } else {
                    printf.accept("Conflict: cannot merge map onto non-map for \"" + key + "\". Skipping.");
                }
            } else if (dg.containsKey(key) && isTable(dg.get(key))) {
                printf.accept("key " + key + " is table. Skipping");
            } else {
                dg.put(key, val);
            }
        }
        dest.put(GLOBAL_KEY, dg);
    }

    @SuppressWarnings("unchecked")
    private static void coalesceValues(Consumer<String> printf, Chart chart, Map<String, Object> v, String prefix, boolean merge) {
        String subPrefix = concatPrefix(prefix, chart.name());
        Map<String, Object> vc = chart.values() == null ? Map.of() : deepCopy(chart.values());
        for (Map.Entry<String, Object> e : vc.entrySet()) {
            String key = e.getKey();
            Object val = e.getValue();
            if (v.containsKey(key)) {
                Object value = v.get(key);
                if (value == null && !merge) {
                    v.remove(key);
                } else if (value instanceof Map<?, ?> dest) {
                    if (!(val instanceof Map<?, ?> src)) {
                        if (val != null) {
                            printf.accept("warning: skipped value for " + subPrefix + "." + key + ": Not a table.");
                        }
                    } else {
                        boolean childMerge = childChartMergeTrue(chart, key, merge);
                        if (!childMerge) {
                            cleanNilValues((Map<String, Object>) src);
                        }
                        coalesceTablesFullKey(printf, (Map<String, Object>) dest, (Map<String, Object>) src,
                                concatPrefix(subPrefix, key), childMerge);
                    }
                }
            } else {
                if (!merge) {
                    if (val == null) {
                        continue;
                    }
                    if (val instanceof Map<?, ?> sub) {
                        cleanNilValues((Map<String, Object>) sub);
                    }
                }
                v.put(key, val);
            }
        }
    }

    private static boolean childChartMergeTrue(Chart chart, String key, boolean merge) {
        for (Chart sub : chart.dependencies()) {
            if (sub.name().equals(key)) {
                return true;
            }
        }
        return merge;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> coalesceTablesFullKey(Consumer<String> printf, Map<String, Object> dst, Map<String, Object> src,
            String prefix, boolean merge) {
        if (src == null) {
            return dst;
        }
        if (dst == null) {
            return src;
        }
        Set<String> srcOriginalNonNil = new java.util.HashSet<>();
        src.forEach((k, val) -> {
            if (val != null) {
                srcOriginalNonNil.add(k);
            }
        });
        for (Map.Entry<String, Object> e : dst.entrySet()) {
            if (e.getValue() == null) {
                src.put(e.getKey(), null);
            }
        }
        for (Map.Entry<String, Object> e : new HashMap<>(src).entrySet()) {
            String key = e.getKey();
            Object val = e.getValue();
            String fullkey = concatPrefix(prefix, key);
            boolean ok = dst.containsKey(key);
            Object dv = dst.get(key);
            if (ok && !merge && dv == null && srcOriginalNonNil.contains(key)) {
                dst.remove(key);
            } else if (!ok) {
                dst.put(key, val);
            } else if (isTable(val)) {
                if (isTable(dv)) {
                    coalesceTablesFullKey(printf, (Map<String, Object>) dv, (Map<String, Object>) val, fullkey, merge);
                } else {
                    printf.accept("warning: cannot overwrite table with non table for " + fullkey + " (" + goValue(val) + ")");
                }
            } else if (isTable(dv) && val != null) {
                printf.accept("warning: destination for " + fullkey + " is a table. Ignoring non-table value (" + goValue(val) + ")");
            }
        }
        return dst;
    }

    /** Go's {@code %v} of a value: maps as {@code map[k:v]}, lists as {@code [a b]}. */
    static String goValue(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("map[");
            map.entrySet().stream().sorted(Map.Entry.comparingByKey((x, y) -> String.valueOf(x).compareTo(String.valueOf(y))))
                    .forEach(e -> b.append(b.length() > 4 ? " " : "").append(e.getKey()).append(':').append(goValue(e.getValue())));
            return b.append(']').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i > 0 ? " " : "").append(goValue(list.get(i)));
            }
            return b.append(']').toString();
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    private static void cleanNilValues(Map<String, Object> m) {
        m.values().removeIf(java.util.Objects::isNull);
        for (Object val : m.values()) {
            if (val instanceof Map<?, ?> sub) {
                cleanNilValues((Map<String, Object>) sub);
            }
        }
    }

    private static boolean isTable(Object v) {
        return v instanceof Map;
    }
}
