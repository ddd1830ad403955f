package io.tributary.operator;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Writes a whole status stanza with a JSON patch ({@code add /status}) to the status subresource. No server-side
 * apply; and not a merge patch, which the CRUD test API server applies by merging lists instead of replacing them.
 */
public final class StatusWriter {

    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    public <T extends CustomResource<?, S>, S> void write(Class<T> type, String namespace, String name, S status) {
        String json = client.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
        client.resources(type).inNamespace(namespace).withName(name)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), json);
    }

    /** Writes only when the status differs from {@code before} (its JSON), so an unchanged reconcile writes nothing. */
    public <T extends CustomResource<?, S>, S> boolean writeIfChanged(Class<T> type, String namespace, String name,
            String before, S status) {
        if (before.equals(client.getKubernetesSerialization().asJson(status))) {
            return false;
        }
        write(type, namespace, name, status);
        return true;
    }

    /** The JSON form {@link #writeIfChanged} compares against. */
    public String snapshot(Object status) {
        return client.getKubernetesSerialization().asJson(status);
    }
}
