package io.tributary.release.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a rendered multi-document manifest into Kubernetes objects; empty documents are skipped. */
public final class Manifests {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Manifests() {
    }

    public static List<GenericKubernetesResource> parse(String manifest) throws IOException {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        if (manifest == null || manifest.isBlank()) {
            return objects;
        }
        ObjectMapper yamlMapper = new ObjectMapper(YAML);
        try (YAMLParser parser = YAML.createParser(manifest)) {
            var documents = yamlMapper.readValues(parser, new TypeReference<Map<String, Object>>() { });
            while (documents.hasNextValue()) {
                Map<String, Object> document = documents.nextValue();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                if (document.get("apiVersion") == null || document.get("kind") == null) {
                    throw new IOException("rendered document without apiVersion or kind: " + document.keySet());
                }
                objects.add(MAPPER.convertValue(document, GenericKubernetesResource.class));
            }
        }
        return objects;
    }

    /** Identity of an object across releases: {@code apiVersion/kind/namespace/name}. */
    public static String identity(GenericKubernetesResource object, String defaultNamespace) {
        String namespace = object.getMetadata().getNamespace() == null ? defaultNamespace : object.getMetadata().getNamespace();
        return object.getApiVersion() + "/" + object.getKind() + "/" + namespace + "/" + object.getMetadata().getName();
    }
}
