package io.tributary.notification.alert;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.notification.Alert;
import io.tributary.api.notification.Provider;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.operator.EventRecorder;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Checks each new generation of an Alert. Flux's v1beta3 Alert has no status (and the CRD keeps Flux's schema), so an
 * Alert that cannot work is reported as a Warning Event {@code InvalidConfig} naming each bad field; the dispatcher
 * skips it until it is fixed.
 */
@ControllerConfiguration(name = "alert")
public class AlertReconciler implements Reconciler<Alert> {

    private static final Logger LOG = Logger.getLogger(AlertReconciler.class);
    public static final String INVALID_CONFIG = "InvalidConfig";

    @Inject
    KubernetesClient client;
    @Inject
    EventRecorder events;

    @Override
    public UpdateControl<Alert> reconcile(Alert alert, Context<Alert> context) {
        List<String> problems = new ArrayList<>(AlertRules.problems(alert.getSpec()));
        if (problems.isEmpty() && client.resources(Provider.class).inNamespace(alert.getMetadata().getNamespace())
                .withName(alert.getSpec().providerRef.name).get() == null) {
            problems.add("spec.providerRef.name: Provider '" + alert.getSpec().providerRef.name + "' not found");
        }
        if (!problems.isEmpty()) {
            String message = String.join("; ", problems);
            LOG.warnf("Alert %s/%s: %s", alert.getMetadata().getNamespace(), alert.getMetadata().getName(), message);
            events.warning(alert, INVALID_CONFIG, message);
        }
        return UpdateControl.noUpdate();
    }
}
