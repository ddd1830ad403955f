package io.tributary.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest}'s Kubernetes client at the shared real control plane, in place of
 * {@code @WithKubernetesTestServer}: {@code @QuarkusTestResource(ControlPlaneTestResource.class)}. The project's CRDs
 * are installed before the application starts, as on a cluster where Tributary is deployed.
 */
public class ControlPlaneTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ControlPlane plane = SharedServers.controlPlane();
        ControlPlaneCrds.install(plane.client());
        return plane.quarkusProperties();
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by a shutdown hook
    }
}
