package io.tributary.notification.delivery;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.notification.Provider;
import io.tributary.notification.alert.AlertReconciler;
import io.tributary.notification.provider.NotifierException;
import io.tributary.notification.provider.Notifiers;
import io.tributary.operator.EventRecorder;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Checks each new generation of a Provider: its Secrets exist and hold what the type needs, its addresses are URLs,
 * the type is one Tributary sends to. As for Alerts (no status in Flux's v1beta3 schema), a problem is a Warning Event
 * {@code InvalidConfig} naming the field; never the address or a token.
 */
@ControllerConfiguration(name = "provider")
public class ProviderReconciler implements Reconciler<Provider> {

    private static final Logger LOG = Logger.getLogger(ProviderReconciler.class);

    @Inject
    AlertDeliveries deliveries;
    @Inject
    EventRecorder events;

    @Override
    public UpdateControl<Provider> reconcile(Provider provider, Context<Provider> context) {
        if (provider.getSpec() == null || Boolean.TRUE.equals(provider.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        try {
            var config = deliveries.resolve(provider);
            Notifiers.of(config, "check");
        } catch (NotifierException e) {
            LOG.warnf("Provider %s/%s: %s", provider.getMetadata().getNamespace(), provider.getMetadata().getName(), e.getMessage());
            events.warning(provider, AlertReconciler.INVALID_CONFIG, e.getMessage());
        }
        return UpdateControl.noUpdate();
    }
}
