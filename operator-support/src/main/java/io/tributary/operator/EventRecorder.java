package io.tributary.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jboss.logging.Logger;

/** Records Kubernetes Events about an object, under the component name Flux uses for the same controller. */
public final class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String component;

    public EventRecorder(KubernetesClient client, String component) {
        this.client = client;
        this.component = component;
    }

    public void normal(HasMetadata object, String reason, String message, Map<String, String> annotations) {
        record(object, "Normal", reason, message, annotations);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message, Map.of());
    }

    private void record(HasMetadata object, String type, String reason, String message, Map<String, String> annotations) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(object.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
                .withNamespace(object.getMetadata().getNamespace())
                .withAnnotations(annotations)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion())
                        .withKind(object.getKind())
                        .withName(object.getMetadata().getName())
                        .withNamespace(object.getMetadata().getNamespace())
                        .withUid(object.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(component).endSource()
                .build();
        try {
            client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            // an event is informational; failing to record one must not fail the reconcile
            LOG.debugf("could not record event %s for %s/%s: %s", reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
        }
    }
}
