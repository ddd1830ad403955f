package io.tributary.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArray;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * What fabric8's generator cannot express from annotations but Flux's CRDs (controller-gen) carry: the schema of
 * {@code metav1.Condition} for {@code status.conditions}, {@code status} defaulted to {@code observedGeneration: -1},
 * {@code format: int64} for {@code Long} fields, free-form maps ({@code @PreserveUnknownFields Map<String, Object>},
 * e.g. HelmRelease {@code spec.values}) whose values may be anything rather than only objects, and printer columns
 * without the redundant {@code priority: 0}; and, for the fields that Flux types {@code metav1.Time} and the model
 * keeps as RFC 3339 strings, {@code format: date-time}; Receiver {@code spec.oidcProviders} as a list-map by issuer.
 */
final class CrdSchemaFixes {

    private static final String CONDITION_TYPE = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";

    /** Schema paths ({@code []} steps into array items) of fields that hold RFC 3339 times, by CRD plural. */
    static final Map<String, List<String>> DATE_TIMES = Map.of(
            "gitrepositories", List.of("status.artifact.lastUpdateTime", "status.includedArtifacts[].lastUpdateTime"),
            "helmrepositories", List.of("status.artifact.lastUpdateTime"),
            "helmcharts", List.of("status.artifact.lastUpdateTime"),
            "buckets", List.of("status.artifact.lastUpdateTime"),
            "ocirepositories", List.of("status.artifact.lastUpdateTime"),
            "externalartifacts", List.of("status.artifact.lastUpdateTime"),
            "helmreleases", List.of("status.history[].firstDeployed", "status.history[].lastDeployed", "status.history[].deleted"));

    private CrdSchemaFixes() {
    }

    static void apply(CustomResourceDefinition crd, Class<?> type) {
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            if (version.getAdditionalPrinterColumns() != null) {
                version.getAdditionalPrinterColumns().forEach(c -> c.setPriority(c.getPriority() != null && c.getPriority() == 0 ? null : c.getPriority()));
            }
            JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
            int64Formats(root, type);
            freeFormMaps(root);
            for (String path : DATE_TIMES.getOrDefault(crd.getSpec().getNames().getPlural(), List.of())) {
                at(root, path).setFormat("date-time");
            }
            if (crd.getSpec().getNames().getPlural().equals("receivers")) {
                JSONSchemaProps providers = at(root, "spec.oidcProviders");
                providers.setXKubernetesListType("map");
                providers.setXKubernetesListMapKeys(List.of("issuerURL"));
            }
            JSONSchemaProps status = root.getProperties().get("status");
            if (status == null) {
                continue;
            }
            JSONSchemaProps conditions = status.getProperties().get("conditions");
            if (conditions != null && "array".equals(conditions.getType())) {
                conditions.setItems(new JSONSchemaPropsOrArray(null, condition()));
            }
            if (status.getProperties().containsKey("observedGeneration")) {
                status.setDefault(JsonNodeFactory.instance.objectNode().set("observedGeneration", IntNode.valueOf(-1)));
            }
        }
    }

    /**
     * The generator renders {@code Map<String, Object>} as "a map of objects", so {@code values: {replicas: 2}} would be
     * refused; with unknown fields preserved the values are free-form, as in Flux's CRD.
     */
    static void freeFormMaps(JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        if (Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields()) && schema.getAdditionalProperties() != null
                && schema.getAdditionalProperties().getSchema() != null
                && schema.getAdditionalProperties().getSchema().getProperties().isEmpty()) {
            schema.setAdditionalProperties(null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(CrdSchemaFixes::freeFormMaps);
        }
        if (schema.getItems() != null) {
            freeFormMaps(schema.getItems().getSchema());
        }
        if (schema.getAdditionalProperties() != null) {
            freeFormMaps(schema.getAdditionalProperties().getSchema());
        }
    }

    /** The schema at a dotted path; {@code name[]} steps into the items of array {@code name}. */
    static JSONSchemaProps at(JSONSchemaProps root, String path) {
        JSONSchemaProps current = root;
        for (String step : path.split("\\.")) {
            boolean items = step.endsWith("[]");
            String name = items ? step.substring(0, step.length() - 2) : step;
            current = current.getProperties().get(name);
            if (current == null) {
                throw new IllegalStateException("no schema at " + path + " (missing " + name + ")");
            }
            if (items) {
                current = current.getItems().getSchema();
            }
        }
        return current;
    }

    /** {@code metav1.Condition} as controller-gen renders it. */
    static JSONSchemaProps condition() {
        return new JSONSchemaPropsBuilder().withType("object")
                .addToProperties("lastTransitionTime", new JSONSchemaPropsBuilder().withType("string").withFormat("date-time").build())
                .addToProperties("message", new JSONSchemaPropsBuilder().withType("string").withMaxLength(32768L).build())
                .addToProperties("observedGeneration", new JSONSchemaPropsBuilder().withType("integer").withFormat("int64")
                        .withMinimum(0.0).build())
                .addToProperties("reason", new JSONSchemaPropsBuilder().withType("string").withMaxLength(1024L).withMinLength(1L)
                        .withPattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$").build())
                .addToProperties("status", new JSONSchemaPropsBuilder().withType("string")
                        .withEnum(List.of(text("True"), text("False"), text("Unknown"))).build())
                .addToProperties("type", new JSONSchemaPropsBuilder().withType("string").withMaxLength(316L)
                        .withPattern(CONDITION_TYPE).build())
                .withRequired("lastTransitionTime", "message", "reason", "status", "type")
                .build();
    }

    private static com.fasterxml.jackson.databind.JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    /** Walks the schema along the Java model and marks every {@code Long} property {@code format: int64}. */
    static void int64Formats(JSONSchemaProps schema, Type javaType) {
        if (schema == null || javaType == null) {
            return;
        }
        if (javaType instanceof ParameterizedType parameterized) {
            Type[] args = parameterized.getActualTypeArguments();
            Type raw = parameterized.getRawType();
            if (raw == List.class && schema.getItems() != null) {
                int64Formats(schema.getItems().getSchema(), args[0]);
            } else if (raw == Map.class && schema.getAdditionalProperties() != null) {
                int64Formats(schema.getAdditionalProperties().getSchema(), args[1]);
            } else if (raw instanceof Class<?> c && schema.getProperties() != null) {
                // CustomResource<Spec, Status>
                walkFields(schema, c, args);
            }
            return;
        }
        if (javaType == Long.class || javaType == long.class) {
            schema.setFormat("int64");
            return;
        }
        if (javaType instanceof Class<?> c && schema.getProperties() != null) {
            walkFields(schema, c, new Type[0]);
        }
    }

    private static void walkFields(JSONSchemaProps schema, Class<?> type, Type[] typeArgs) {
        if (io.fabric8.kubernetes.client.CustomResource.class.isAssignableFrom(type)) {
            Type superType = type.getGenericSuperclass();
            if (superType instanceof ParameterizedType p) {
                int64Formats(schema.getProperties().get("spec"), p.getActualTypeArguments()[0]);
                int64Formats(schema.getProperties().get("status"), p.getActualTypeArguments()[1]);
            }
            return;
        }
        if (!type.getName().startsWith("io.tributary.")) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JSONSchemaProps property = schema.getProperties().get(field.getName());
                if (property != null && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    int64Formats(property, field.getGenericType());
                }
            }
        }
    }
}
