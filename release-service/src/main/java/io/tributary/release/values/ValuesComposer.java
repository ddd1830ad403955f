package io.tributary.release.values;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.values.ValuesMerger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Composes a release's values: {@code valuesFrom} in order, then inline {@code values}. */
@ApplicationScoped
public class ValuesComposer {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    KubernetesClient client;

    /** Thrown when a referenced ConfigMap/Secret or key is missing, or not valid YAML. */
    public static class ValuesException extends Exception {
        public ValuesException(String message) {
            super(message);
        }
    }

    /**
     * fluxcd/pkg {@code chartutil.ChartValuesFromReferences}: each reference in list order (a whole YAML document
     * merged in, or with {@code targetPath} one value set at a Helm {@code --set} path), then inline {@code values}
     * over all of them. Each ConfigMap or Secret is read once per composition.
     */
    public Map<String, Object> compose(String namespace, HelmReleaseSpec spec) throws ValuesException {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Optional<Map<String, String>>> read = new HashMap<>();
        List<HelmReleaseSpec.ValuesReference> refs = spec.valuesFrom == null ? List.of() : spec.valuesFrom;
        for (int i = 0; i < refs.size(); i++) {
            HelmReleaseSpec.ValuesReference ref = refs.get(i);
            String field = "spec.valuesFrom[" + i + "]";
            String key = ref.valuesKey == null || ref.valuesKey.isBlank() ? "values.yaml" : ref.valuesKey;
            String text = read(namespace, ref, key, field, read);
            if (text == null) {
                continue; // optional and absent
            }
            if (ref.targetPath != null && !ref.targetPath.isBlank()) {
                result = mutableCopy(ValuesMerger.merge(result, spec.values));
                try {
                    if (Boolean.TRUE.equals(ref.literal)) {
                        StrVals.parseIntoString(ref.targetPath + "=" + escapeLiteral(text), result);
                    } else {
                        replacePathValue(result, ref.targetPath, text);
                    }
                } catch (StrVals.ParseException e) {
                    throw new ValuesException(field + ".targetPath: " + describe(namespace, ref, key)
                            + ": failed to merge value: " + e.getMessage());
                }
                continue;
            }
            Map<String, Object> parsed;
            try {
                parsed = YAML.readValue(text, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new ValuesException(field + ": " + describe(namespace, ref, key) + ": failed to read values data: the key is not a YAML map");
            }
            result = ValuesMerger.merge(result, parsed == null ? Map.of() : parsed);
        }
        return ValuesMerger.merge(result, spec.values);
    }

    /** The referenced key's text; null when the reference is optional and the object or key is absent. */
    private String read(String namespace, HelmReleaseSpec.ValuesReference ref, String key, String field,
            Map<String, Optional<Map<String, String>>> read) throws ValuesException {
        if (!"ConfigMap".equals(ref.kind) && !"Secret".equals(ref.kind)) {
            throw new ValuesException(field + ".kind: " + describe(namespace, ref, key) + ": unsupported values reference kind");
        }
        Optional<Map<String, String>> data = read.get(ref.kind + "/" + ref.name);
        if (data == null) {
            data = Optional.ofNullable(fetch(namespace, ref));
            read.put(ref.kind + "/" + ref.name, data);
        }
        if (data.isEmpty()) {
            if (Boolean.TRUE.equals(ref.optional)) {
                return null;
            }
            throw new ValuesException(field + ": " + describe(namespace, ref, key) + ": resource not found");
        }
        String text = data.get().get(key);
        if (text == null) {
            if (Boolean.TRUE.equals(ref.optional)) {
                return null;
            }
            throw new ValuesException(field + ".valuesKey: " + describe(namespace, ref, key) + ": key not found");
        }
        return text;
    }

    /** The object's data by key (a Secret's decoded), or null when it does not exist. */
    private Map<String, String> fetch(String namespace, HelmReleaseSpec.ValuesReference ref) {
        if ("ConfigMap".equals(ref.kind)) {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.name).get();
            return map == null ? null : map.getData() == null ? Map.of() : map.getData();
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
        if (secret == null) {
            return null;
        }
        Map<String, String> decoded = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return decoded;
    }

    /** Flux's error wording: "could not resolve [optional] Secret chart values reference 'ns/name' with key 'k'". */
    private static String describe(String namespace, HelmReleaseSpec.ValuesReference ref, String key) {
        return "could not resolve" + (Boolean.TRUE.equals(ref.optional) ? " optional" : "") + (ref.kind == null ? "" : " " + ref.kind)
                + " chart values reference '" + namespace + "/" + ref.name + "' with key '" + key + "'";
    }

    /** fluxcd/pkg {@code ReplacePathValue}: a quoted value is set as a string, without its quotes; others are typed. */
    static void replacePathValue(Map<String, Object> values, String path, String value) throws StrVals.ParseException {
        boolean singleQuoted = value.startsWith("'") && value.endsWith("'");
        boolean doubleQuoted = value.startsWith("\"") && value.endsWith("\"");
        if (singleQuoted || doubleQuoted) {
            StrVals.parseIntoString(path + "=" + trim(value, "'\""), values);
        } else {
            StrVals.parseInto(path + "=" + value, values);
        }
    }

    /** Go's {@code strings.Trim(s, cutset)}. */
    private static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** fluxcd/pkg {@code ReplacePathLiteralValue}'s escaper: the value is taken as it is, commas and brackets included. */
    static String escapeLiteral(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("[", "\\[").replace("]", "\\]")
                .replace("{", "\\{").replace("}", "\\}");
    }

    /** A deep copy with mutable maps and lists, for the path parser to write into. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutableCopy(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, mutable(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return mutableCopy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(mutable(item)));
            return copy;
        }
        return value;
    }
}
