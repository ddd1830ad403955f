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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

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

    public Map<String, Object> compose(String namespace, HelmReleaseSpec spec) throws ValuesException {
        Map<String, Object> values = new LinkedHashMap<>();
        if (spec.valuesFrom != null) {
            for (int i = 0; i < spec.valuesFrom.size(); i++) {
                values = ValuesMerger.merge(values, load(namespace, spec.valuesFrom.get(i), "spec.valuesFrom[" + i + "]"));
            }
        }
        return ValuesMerger.merge(values, spec.values);
    }

    private Map<String, Object> load(String namespace, HelmReleaseSpec.ValuesReference ref, String field) throws ValuesException {
        if (ref.targetPath != null && !ref.targetPath.isBlank()) {
            throw new ValuesException(field + ".targetPath: not supported yet");
        }
        String key = ref.valuesKey == null || ref.valuesKey.isBlank() ? "values.yaml" : ref.valuesKey;
        String text;
        if ("ConfigMap".equals(ref.kind)) {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.name).get();
            text = map == null || map.getData() == null ? null : map.getData().get(key);
            if (map == null && Boolean.TRUE.equals(ref.optional)) {
                return Map.of();
            }
        } else if ("Secret".equals(ref.kind)) {
            Secret secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
            if (secret == null && Boolean.TRUE.equals(ref.optional)) {
                return Map.of();
            }
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
            text = encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } else {
            throw new ValuesException(field + ".kind: must be ConfigMap or Secret, got '" + ref.kind + "'");
        }
        if (text == null) {
            if (Boolean.TRUE.equals(ref.optional)) {
                return Map.of();
            }
            throw new ValuesException(field + ": " + ref.kind + " '" + namespace + "/" + ref.name + "' or its key '" + key + "' not found");
        }
        try {
            Map<String, Object> parsed = YAML.readValue(text, new TypeReference<Map<String, Object>>() { });
            return parsed == null ? Map.of() : parsed;
        } catch (IOException e) {
            throw new ValuesException(field + ": key '" + key + "' of " + ref.kind + " '" + ref.name + "' is not a YAML map");
        }
    }
}
