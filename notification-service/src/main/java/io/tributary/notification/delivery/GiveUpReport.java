package io.tributary.notification.delivery;

import io.tributary.api.notification.Alert;
import io.tributary.events.FluxEvent;
import io.tributary.operator.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** A delivery given up: logged once and recorded as a Warning on the Alert, naming the Provider, never its address or token. */
@ApplicationScoped
public class GiveUpReport {

    private static final Logger LOG = Logger.getLogger(GiveUpReport.class);

    @Inject
    EventRecorder events;

    public void gaveUp(Delivery delivery, FluxEvent event, Sending.Outcome outcome) {
        String reason = Masking.mask(outcome.failure() == null ? "unknown failure" : outcome.failure().getMessage(),
                delivery.provider().token(), delivery.provider().password(), String.valueOf(delivery.provider().address()));
        String message = "failed to send notification for " + event.involvedObject().key() + " to Provider " + delivery.provider().name()
                + " after " + outcome.attempts() + " attempt(s): " + reason;
        LOG.warnf("Alert %s: %s", delivery.key(), message);
        Alert alert = new Alert();
        alert.getMetadata().setNamespace(delivery.alertNamespace());
        alert.getMetadata().setName(delivery.alertName());
        events.warning(alert, AlertDeliveries.DISPATCH_FAILED, message);
    }
}
