package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Writes the HelmRelease status stanza with a JSON merge patch to the status subresource. */
@ApplicationScoped
public class StatusPatcher {

    @Inject
    KubernetesClient client;

    public void patch(HelmRelease release, HelmReleaseStatus status) {
        String json = client.getKubernetesSerialization().asJson(Map.of("status", status));
        client.resources(HelmRelease.class).inNamespace(release.getMetadata().getNamespace())
                .withName(release.getMetadata().getName())
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
}
