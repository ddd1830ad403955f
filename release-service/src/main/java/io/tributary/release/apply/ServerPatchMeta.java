package io.tributary.release.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The patch metadata of built-in kinds, from the API server's OpenAPI v3 ({@code /openapi/v3/api/v1},
 * {@code /openapi/v3/apis/<group>/<version>}), fetched when a kind of the group-version is first patched and kept.
 *
 * <p>Helm patches a kind with a strategic merge patch when its Go client knows the kind, that is, when it is in
 * client-go's scheme; a custom resource, a kind of an aggregated API and an apiextensions CustomResourceDefinition get
 * a JSON merge patch. {@link #forKind} is empty for those, and for a kind the document has no schema for.
 */
public final class ServerPatchMeta {

    /** The groups of client-go's {@code kubernetes/scheme}, which Helm's kube client decodes into typed objects. */
    static final Set<String> BUILT_IN_GROUPS = Set.of("", "admissionregistration.k8s.io", "internal.apiserver.k8s.io", "apps",
            "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io",
            "discovery.k8s.io", "events.k8s.io", "extensions", "flowcontrol.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
            "policy", "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
            "storagemigration.k8s.io");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final KubernetesClient client;
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();

    public ServerPatchMeta(KubernetesClient client) {
        this.client = client;
    }

    /** The OpenAPI document could not be read. */
    public static final class OpenApiException extends Exception {
        public OpenApiException(String message) {
            super(message);
        }
    }

    /** The metadata to patch {@code kind} of {@code apiVersion} with; empty when it takes a JSON merge patch. */
    public Optional<PatchMeta> forKind(String apiVersion, String kind) throws OpenApiException {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (!BUILT_IN_GROUPS.contains(group)) {
            return Optional.empty();
        }
        JsonNode document = documents.get(apiVersion);
        if (document == null) {
            document = fetch(group.isEmpty() ? "/openapi/v3/api/" + version : "/openapi/v3/apis/" + group + "/" + version);
            documents.put(apiVersion, document);
        }
        return OpenApiPatchMeta.forKind(document, group, version, kind).map(m -> m);
    }

    private JsonNode fetch(String path) throws OpenApiException {
        var http = client.getHttpClient();
        var request = http.newHttpRequestBuilder().uri(URLUtils.join(client.getMasterUrl().toString(), path))
                .header("Accept", "application/json").build();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request, byte[].class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenApiException("reading OpenAPI schema " + path + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new OpenApiException("reading OpenAPI schema " + path + ": " + cause.getMessage());
        }
        if (response.code() != 200) {
            throw new OpenApiException("reading OpenAPI schema " + path + ": the server responded with status " + response.code());
        }
        try {
            JsonNode document = response.body() == null ? null : JSON.readTree(response.body());
            if (document == null || !document.path("components").path("schemas").isObject()) {
                throw new OpenApiException("reading OpenAPI schema " + path + ": no components.schemas in the response");
            }
            dropDescriptions(document);
            return document;
        } catch (IOException e) {
            throw new OpenApiException("reading OpenAPI schema " + path + ": " + e.getMessage());
        }
    }

    /** Descriptions are most of a document and no part of the patch metadata; a field named so stays. */
    private static void dropDescriptions(JsonNode node) {
        dropDescriptions(node, false);
    }

    private static void dropDescriptions(JsonNode node, boolean fields) {
        if (node instanceof ObjectNode object) {
            if (!fields && object.path("description").isTextual()) {
                object.remove("description");
            }
            object.fields().forEachRemaining(f -> dropDescriptions(f.getValue(), !fields && f.getKey().equals("properties")));
        } else if (node.isArray()) {
            node.forEach(ServerPatchMeta::dropDescriptions);
        }
    }
}
