package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Writes the HelmRelease status stanza with a JSON patch ({@code add /status}) to the status subresource.
 * A merge patch would do for a real API server, but the CRUD test server merges lists instead of replacing them. */
@ApplicationScoped
public class StatusPatcher {

    @Inject
    KubernetesClient client;

    public void patch(HelmRelease release, HelmReleaseStatus status) {
        String json = client.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
        client.resources(HelmRelease.class).inNamespace(release.getMetadata().getNamespace())
                .withName(release.getMetadata().getName())
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), json);
    }
}
