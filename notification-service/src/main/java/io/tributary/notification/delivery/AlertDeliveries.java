package io.tributary.notification.delivery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.notification.Alert;
import io.tributary.api.notification.Provider;
import io.tributary.api.notification.ProviderSpec;
import io.tributary.events.FluxEvent;
import io.tributary.notification.alert.AlertMatching;
import io.tributary.notification.alert.AlertRules;
import io.tributary.notification.alert.EventMetadataMerge;
import io.tributary.operator.EventRecorder;
import io.tributary.notification.provider.NotifierException;
import io.tributary.notification.provider.Notifiers;
import io.tributary.notification.provider.ProviderConfig;
import io.tributary.notification.provider.ProviderRequest;
import io.tributary.notification.provider.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The notifications one event makes, as Flux's {@code handleEvent}: every valid, matching Alert whose Provider exists
 * and is not suspended, with the event's metadata merged for that Alert and the request built for the Provider's type.
 * An Alert that cannot be served (invalid, Provider or Secret missing, bad Provider input) gets a Warning Event naming
 * the problem and is skipped; other Alerts are still served.
 */
@ApplicationScoped
public class AlertDeliveries {

    private static final Logger LOG = Logger.getLogger(AlertDeliveries.class);
    static final String DISPATCH_FAILED = "NotificationDispatchFailed";

    @Inject
    KubernetesClient client;
    @Inject
    EventRecorder events;

    public List<Delivery> plan(FluxEvent event) {
        FluxEvent cleaned = new FluxEvent(event.involvedObject(), event.severity(), event.timestamp(), event.message(), event.reason(),
                EventMetadataMerge.withoutInternal(event.involvedObject(), event.metadata()), event.reportingController(),
                event.reportingInstance());
        List<Delivery> deliveries = new ArrayList<>();
        for (Alert alert : client.resources(Alert.class).inAnyNamespace().list().getItems()) {
            if (alert.getSpec() == null || !AlertRules.problems(alert.getSpec()).isEmpty()
                    || !AlertMatching.matches(alert.getMetadata().getNamespace(), alert.getSpec(), cleaned, this::labels)) {
                continue;
            }
            try {
                delivery(alert, cleaned).ifPresent(deliveries::add);
            } catch (NotifierException e) {
                String message = "failed to dispatch notification for " + event.involvedObject().key() + ": " + e.getMessage();
                LOG.warnf("Alert %s/%s: %s", alert.getMetadata().getNamespace(), alert.getMetadata().getName(), message);
                events.warning(alert, DISPATCH_FAILED, message);
            }
        }
        return deliveries;
    }

    private Optional<Delivery> delivery(Alert alert, FluxEvent event) throws NotifierException {
        String namespace = alert.getMetadata().getNamespace();
        Provider provider = client.resources(Provider.class).inNamespace(namespace).withName(alert.getSpec().providerRef.name).get();
        if (provider == null) {
            throw new NotifierException("failed to read provider: Provider '" + namespace + "/" + alert.getSpec().providerRef.name
                    + "' not found", false);
        }
        ProviderSpec spec = provider.getSpec();
        if (spec == null || Boolean.TRUE.equals(spec.suspend)) {
            return Optional.empty();
        }
        if (Notifiers.isCommitStatus(spec.type) && !event.metadata().containsKey(event.involvedObject().group() + "/revision")
                && !FluxEvent.ERROR.equals(event.severity())) {
            // Flux drops events without a commit for commit status providers
            return Optional.empty();
        }
        ProviderConfig config = resolve(provider);
        EventMetadataMerge.Merged merged = EventMetadataMerge.merge(event.involvedObject(), event.metadata(), alert.getSpec());
        if (!merged.conflicts().isEmpty()) {
            events.warning(alert, "MetadataAppendFailed", EventMetadataMerge.CONFLICT_MESSAGE + " " + merged.conflicts());
        }
        FluxEvent notification = new FluxEvent(event.involvedObject(), event.severity(), event.timestamp(), event.message(), event.reason(),
                merged.metadata(), event.reportingController(), event.reportingInstance());
        String statusId = Notifiers.defaultCommitStatusId(config.uid(), notification);
        Optional<ProviderRequest> request = Notifiers.of(config, statusId).request(notification);
        return request.map(r -> new Delivery(namespace + "/" + alert.getMetadata().getName(), namespace, alert.getMetadata().getName(),
                config, r));
    }

    /** The Provider with its Secrets read; a missing Secret is named by its field. */
    public ProviderConfig resolve(Provider provider) throws NotifierException {
        String namespace = provider.getMetadata().getNamespace();
        ProviderSpec spec = provider.getSpec();
        ProviderSettings.Secrets secrets = new ProviderSettings.Secrets(secret(namespace, spec.secretRef, "spec.secretRef"),
                secret(namespace, spec.certSecretRef, "spec.certSecretRef"), secret(namespace, spec.proxySecretRef, "spec.proxySecretRef"));
        return ProviderSettings.resolve(namespace + "/" + provider.getMetadata().getName(), provider.getMetadata().getUid(), spec, secrets);
    }

    private Map<String, byte[]> secret(String namespace, LocalObjectReference ref, String field) throws NotifierException {
        if (ref == null || ref.name == null) {
            return null;
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
        if (secret == null) {
            throw new NotifierException(field + ": Secret '" + namespace + "/" + ref.name + "' not found", true);
        }
        Map<String, byte[]> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    private Optional<Map<String, String>> labels(FluxEvent.InvolvedObject object) {
        if (object.apiVersion() == null) {
            return Optional.empty();
        }
        try {
            GenericKubernetesResource resource = client.genericKubernetesResources(object.apiVersion(), object.kind())
                    .inNamespace(object.namespace()).withName(object.name()).get();
            if (resource == null) {
                return Optional.empty();
            }
            Map<String, String> labels = resource.getMetadata().getLabels();
            return Optional.of(labels == null ? Map.of() : labels);
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot read %s for matchLabels: %s", object.key(), e.getMessage());
            return Optional.empty();
        }
    }
}
