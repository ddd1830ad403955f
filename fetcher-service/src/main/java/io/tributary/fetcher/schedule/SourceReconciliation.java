package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.source.SourceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * The reconcile every source kind shares: finalizer first, nothing for a deleted, spec-less or suspended source,
 * otherwise validate and schedule (a spec error is written once as Stalled; a valid source is requeued at its interval).
 */
@ApplicationScoped
public class SourceReconciliation {

    @Inject
    SourceScheduler scheduler;
    @Inject
    SourceCleanup cleanup;

    public <T extends CustomResource<?, S>, S extends SourceStatus> UpdateControl<T> reconcile(String kind, T source, Boolean suspended,
            Supplier<S> emptyStatus, SourceScheduler.SpecCheck check, String failureType, String reason) throws Exception {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) source.getClass();
        if (source.getMetadata().getDeletionTimestamp() != null || !cleanup.ensureFinalizer(type, source)) {
            return UpdateControl.noUpdate();
        }
        if (source.getSpec() == null || Boolean.TRUE.equals(suspended)) {
            return UpdateControl.noUpdate();
        }
        S status = source.getStatus() == null ? emptyStatus.get() : source.getStatus();
        return scheduler.scheduleValid(kind, source, status, check, failureType, reason)
                .map(next -> UpdateControl.<T>noUpdate().rescheduleAfter(next))
                .orElseGet(UpdateControl::noUpdate);
    }
}
