package io.tributary.fetcher.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Writes a whole status stanza with a JSON patch ({@code add /status}) to the status subresource.
 * A merge patch would do for a real API server, but the CRUD test server merges lists instead of replacing them. */
@ApplicationScoped
public class StatusPatcher {

    @Inject
    KubernetesClient client;

    public <T extends CustomResource<?, S>, S> void patch(Class<T> type, String namespace, String name, S status) {
        String json = client.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
        client.resources(type).inNamespace(namespace).withName(name)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), json);
    }
}
