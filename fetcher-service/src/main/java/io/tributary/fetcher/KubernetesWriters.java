package io.tributary.fetcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.operator.EventRecorder;
import io.tributary.operator.StatusWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the shared status and event writers injectable. */
@ApplicationScoped
public class KubernetesWriters {

    @Produces
    @ApplicationScoped
    StatusWriter statusWriter(KubernetesClient client) {
        return new StatusWriter(client);
    }

    @Produces
    @ApplicationScoped
    EventRecorder eventRecorder(KubernetesClient client) {
        return new EventRecorder(client, "source-controller");
    }
}
