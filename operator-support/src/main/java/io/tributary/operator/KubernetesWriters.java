package io.tributary.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the status writer and event recorder injectable in every operator service. */
@ApplicationScoped
public class KubernetesWriters {

    /** The component Events are recorded under, as Flux names its controllers (e.g. {@code source-controller}). */
    @ConfigProperty(name = "tributary.events.component")
    String component;

    @Produces
    @ApplicationScoped
    StatusWriter statusWriter(KubernetesClient client) {
        return new StatusWriter(client);
    }

    @Produces
    @ApplicationScoped
    EventRecorder eventRecorder(KubernetesClient client) {
        return new EventRecorder(client, component);
    }
}
