package io.tributary.release.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chart.yaml as Helm's {@code chart.Metadata} holds it. Helm reads Chart.yaml with sigs.k8s.io/yaml, which turns a
 * number or boolean written where Metadata has a string ({@code appVersion: 1.10}) into that string, as Go formats it
 * ({@code "1.1"}); the stored release then holds a string Helm can decode again. A number left in the stored JSON makes
 * the whole revision undecodable for Helm. Pure.
 */
public final class ChartMetadataFields {

    private static final Set<String> STRINGS = Set.of("name", "home", "version", "description", "icon", "apiVersion", "condition",
            "tags", "appVersion", "kubeVersion", "type");
    private static final Set<String> STRING_LISTS = Set.of("sources", "keywords");
    private static final Set<String> MAINTAINER_STRINGS = Set.of("name", "email", "url");
    private static final Set<String> DEPENDENCY_STRINGS = Set.of("name", "version", "repository", "condition", "alias");

    private ChartMetadataFields() {
    }

    public static Map<String, Object> asHelmReadsThem(Map<String, Object> chartYaml) {
        if (chartYaml == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        chartYaml.forEach((key, value) -> {
            Object converted = value;
            if (STRINGS.contains(key)) {
                converted = scalar(value);
            } else if (STRING_LISTS.contains(key)) {
                converted = eachScalar(value);
            } else if (key.equals("maintainers")) {
                converted = eachObject(value, MAINTAINER_STRINGS, Set.of());
            } else if (key.equals("dependencies")) {
                converted = eachObject(value, DEPENDENCY_STRINGS, Set.of("tags"));
            } else if (key.equals("annotations") && value instanceof Map<?, ?> annotations) {
                Map<String, Object> strings = new LinkedHashMap<>();
                annotations.forEach((k, v) -> strings.put(String.valueOf(scalar(k)), scalar(v)));
                converted = strings;
            }
            out.put(key, converted);
        });
        return out;
    }

    private static Object eachScalar(Object value) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        List<Object> out = new ArrayList<>();
        list.forEach(v -> out.add(scalar(v)));
        return out;
    }

    private static Object eachObject(Object value, Set<String> strings, Set<String> stringLists) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> fields) {
                Map<String, Object> converted = new LinkedHashMap<>();
                fields.forEach((k, v) -> {
                    String name = String.valueOf(k);
                    converted.put(name, strings.contains(name) ? scalar(v) : stringLists.contains(name) ? eachScalar(v) : v);
                });
                out.add(converted);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** A number or boolean as sigs.k8s.io/yaml writes it into a string field; anything else unchanged. */
    static Object scalar(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return goFloat32(((Number) value).doubleValue());
        }
        return value;
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', -1, 32)}: shortest float32 digits, exponent form below 1e-4 or from 1e6. */
    static String goFloat32(double v) {
        float f = (float) v;
        if (f == 0) {
            return "0";
        }
        BigDecimal digits = new BigDecimal(Float.toString(f)).stripTrailingZeros();
        int exp = digits.precision() - digits.scale() - 1;
        // shortest formatting: Go's %g takes 6 as the precision for this choice (strconv/ftoa.go)
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.unscaledValue().abs().toString();
            String m = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
            String sign = digits.signum() < 0 ? "-" : "";
            return sign + m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return digits.toPlainString();
    }
}
