package io.tributary.release.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Patch metadata read from an OpenAPI v3 document's {@code components.schemas}, as strategicpatch's
 * {@code PatchMetaFromOpenAPIV3}: a field's {@code x-kubernetes-patch-strategy} (comma-separated) and
 * {@code x-kubernetes-patch-merge-key}, its value's schema found through {@code allOf} and {@code $ref}. A map field
 * ({@code additionalProperties}, no {@code properties}) describes each of its values, as the Go struct lookup Helm
 * uses does.
 *
 * @param schemas the document's {@code components.schemas}
 * @param schema  the schema of the object this describes; {@code null} when unknown, then every field is plain
 */
public record OpenApiPatchMeta(JsonNode schemas, JsonNode schema) implements PatchMeta {

    private static final String REF_PREFIX = "#/components/schemas/";

    /**
     * The metadata of the kind {@code group/version/kind} in an OpenAPI v3 document, found by the schema's
     * {@code x-kubernetes-group-version-kind}; empty when the document has none for it.
     */
    public static Optional<OpenApiPatchMeta> forKind(JsonNode document, String group, String version, String kind) {
        JsonNode schemas = document.path("components").path("schemas");
        for (JsonNode schema : schemas) {
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText("").equals(group) && gvk.path("version").asText("").equals(version)
                        && gvk.path("kind").asText("").equals(kind)) {
                    return Optional.of(new OpenApiPatchMeta(schemas, schema));
                }
            }
        }
        return Optional.empty();
    }

    private JsonNode traverse(String key) throws UnknownFieldException {
        if (schema == null) {
            return null;
        }
        JsonNode properties = schema.get("properties");
        if (properties == null || properties.isEmpty()) {
            JsonNode values = schema.get("additionalProperties");
            if (values != null && values.isObject()) {
                return values;
            }
            throw new UnknownFieldException("unable to find api field \"" + key + "\"");
        }
        JsonNode field = properties.get(key);
        if (field == null) {
            throw new UnknownFieldException("unable to find api field \"" + key + "\"");
        }
        return field;
    }

    private JsonNode resolve(JsonNode s) throws UnknownFieldException {
        if (s == null) {
            return null;
        }
        JsonNode allOf = s.get("allOf");
        if (allOf != null && allOf.isArray() && !allOf.isEmpty()) {
            s = allOf.get(0);
        }
        String ref = s.path("$ref").asText("");
        if (!ref.isEmpty()) {
            JsonNode resolved = schemas.get(ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref);
            if (resolved == null) {
                throw new UnknownFieldException("unable to resolve " + ref + " in OpenAPI V3");
            }
            s = resolved;
        }
        return s;
    }

    private static List<String> strategies(JsonNode field) {
        String strategy = field == null ? "" : field.path("x-kubernetes-patch-strategy").asText("");
        return strategy.isEmpty() ? List.of() : Arrays.asList(strategy.split(","));
    }

    private static String mergeKey(JsonNode field) {
        return field == null ? "" : field.path("x-kubernetes-patch-merge-key").asText("");
    }

    @Override
    public Field lookupForStruct(String key) throws UnknownFieldException {
        JsonNode field = traverse(key);
        return new Field(strategies(field), mergeKey(field), new OpenApiPatchMeta(schemas, resolve(field)));
    }

    @Override
    public Field lookupForSlice(String key) throws UnknownFieldException {
        JsonNode field = traverse(key);
        JsonNode items = field == null ? null : field.get("items");
        return new Field(strategies(field), mergeKey(field), new OpenApiPatchMeta(schemas, resolve(items != null ? items : field)));
    }

    @Override
    public String name() {
        String type = schema == null ? "" : schema.path("type").asText("");
        return type.isEmpty() ? "Struct" : type;
    }
}
