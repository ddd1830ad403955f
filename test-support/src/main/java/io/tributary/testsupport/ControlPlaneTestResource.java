package io.tributary.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest}'s Kubernetes client at the shared real control plane, in place of
 * {@code @WithKubernetesTestServer}: {@code @QuarkusTestResource(ControlPlaneTestResource.class)}.
 */
public class ControlPlaneTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedServers.controlPlane().quarkusProperties();
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by a shutdown hook
    }
}
