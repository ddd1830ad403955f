package io.tributary.release;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tributary.testsupport.SharedServers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shared real control plane with the CRDs of the HelmRelease and of the sources its chart can come from (HelmChart,
 * OCIRepository, ExternalArtifact) installed and Established before the operator
 * starts its informers.
 */
public class ReleaseControlPlane implements QuarkusTestResourceLifecycleManager {

    private static boolean installed;

    public static synchronized KubernetesClient client() {
        KubernetesClient client = SharedServers.controlPlane().client();
        if (!installed) {
            for (String crd : List.of("source.toolkit.fluxcd.io_helmcharts.yaml", "source.toolkit.fluxcd.io_ocirepositories.yaml",
                    "source.toolkit.fluxcd.io_externalartifacts.yaml", "helm.toolkit.fluxcd.io_helmreleases.yaml")) {
                try (InputStream in = Files.newInputStream(Path.of("../k8s/crds", crd))) {
                    for (HasMetadata item : client.load(in).items()) {
                        client.resource(item).createOr(op -> op.update());
                        client.resources(CustomResourceDefinition.class).withName(item.getMetadata().getName())
                                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                                        .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                                        60, TimeUnit.SECONDS);
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot read CRD " + crd, e);
                }
            }
            installed = true;
        }
        return client;
    }

    @Override
    public Map<String, String> start() {
        client();
        return SharedServers.controlPlane().quarkusProperties();
    }

    @Override
    public void stop() {
        // shared for the whole JVM
    }
}
