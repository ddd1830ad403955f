package io.tributary.release.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FluxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes every event release-service records as a Kubernetes Event also as a {@link FluxEvent} on
 * {@code tributary.events}, keyed {@code kind/namespace/name}, so that Alerts can forward it.
 */
@ApplicationScoped
public class FluxEventPublisher {

    private static final Logger LOG = Logger.getLogger(FluxEventPublisher.class);

    @Inject
    @Channel("events-out")
    Emitter<Record<String, String>> emitter;
    @ConfigProperty(name = "tributary.events.component")
    String component;
    @ConfigProperty(name = "HOSTNAME", defaultValue = "release-service")
    String instance;

    /** A Normal Kubernetes Event: severity {@code info}; {@code controllerMetadata} holds revision, digest. */
    public void info(HasMetadata object, String reason, String message, Map<String, String> controllerMetadata) {
        publish(object, FluxEvent.INFO, reason, message, controllerMetadata);
    }

    /** A Warning Kubernetes Event: severity {@code error}. */
    public void error(HasMetadata object, String reason, String message) {
        publish(object, FluxEvent.ERROR, reason, message, Map.of());
    }

    private void publish(HasMetadata object, String severity, String reason, String message, Map<String, String> controllerMetadata) {
        var meta = object.getMetadata();
        var involved = new FluxEvent.InvolvedObject(object.getApiVersion(), object.getKind(), meta.getNamespace(), meta.getName(),
                meta.getUid());
        var event = FluxEvent.of(involved, meta.getAnnotations(), severity, reason, message, controllerMetadata, component, instance);
        try {
            emitter.send(Record.of(involved.key(), CloudEventCodec.encode("release-service", involved.key(), event)))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the Kubernetes Event is recorded; the reconcile must not fail for the stream
            LOG.warnf("%s %s/%s: event %s not published on the event stream: %s", involved.kind(), involved.namespace(),
                    involved.name(), reason, e.getClass().getSimpleName());
        }
    }
}
