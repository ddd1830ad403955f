package io.tributary.notification.receiver;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Reasons;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverStatus;
import io.tributary.operator.StatusWriter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;

/** Computes a Receiver's webhook path from its token and publishes it in {@code status.webhookPath}. */
@ControllerConfiguration(name = "receiver", generationAwareEventProcessing = false)
public class ReceiverReconciler implements Reconciler<Receiver> {

    @Inject
    StatusWriter statusWriter;
    @Inject
    ReceiverTokens tokens;
    @Inject
    ReceiverRegistry registry;

    @Override
    public UpdateControl<Receiver> reconcile(Receiver receiver, Context<Receiver> context) {
        ReceiverStatus status = receiver.getStatus() == null ? new ReceiverStatus() : receiver.getStatus();
        String before = statusWriter.snapshot(status);
        long generation = Objects.requireNonNullElse(receiver.getMetadata().getGeneration(), 0L);
        status.observedGeneration = generation;
        Duration requeue = Duration.ofMinutes(10);
        try {
            String token = tokens.token(receiver);
            String path = WebhookPaths.of(token, receiver.getMetadata().getName(), receiver.getMetadata().getNamespace());
            registry.register(path, new ReceiverRegistry.Entry(receiver.getMetadata().getNamespace(), receiver.getMetadata().getName(),
                    receiver.getSpec().type, receiver.getSpec().events, Boolean.TRUE.equals(receiver.getSpec().suspend)));
            status.webhookPath = path;
            status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, true, Reasons.SUCCEEDED,
                    "Receiver initialized for path: " + path, generation);
        } catch (ReceiverTokens.TokenException e) {
            registry.unregister(receiver.getMetadata().getNamespace(), receiver.getMetadata().getName());
            status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, e.reason(), e.getMessage(), generation);
            requeue = Duration.ofSeconds(30);
        }
        statusWriter.writeIfChanged(Receiver.class, receiver.getMetadata().getNamespace(), receiver.getMetadata().getName(),
                before, status);
        return UpdateControl.<Receiver>noUpdate().rescheduleAfter(requeue);
    }
}
