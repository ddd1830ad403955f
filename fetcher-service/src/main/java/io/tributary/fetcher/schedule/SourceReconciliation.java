package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.source.SourceStatus;
import io.tributary.fetcher.source.SpecRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * The reconcile every source kind shares: finalizer first, nothing for a deleted, spec-less or suspended source,
 * otherwise schedule: a due source gets a FetchRequested and is requeued by its interval or its failure's kind.
 */
@ApplicationScoped
public class SourceReconciliation {

    @Inject
    SourceScheduler scheduler;
    @Inject
    SourceCleanup cleanup;

    public <T extends CustomResource<?, S>, S extends SourceStatus> UpdateControl<T> reconcile(String kind, T source, Boolean suspended,
            Supplier<S> emptyStatus, SpecRules<T> rules) throws Exception {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) source.getClass();
        if (source.getMetadata().getDeletionTimestamp() != null || !cleanup.ensureFinalizer(type, source)) {
            return UpdateControl.noUpdate();
        }
        if (source.getSpec() == null || Boolean.TRUE.equals(suspended)) {
            return UpdateControl.noUpdate();
        }
        S status = source.getStatus() == null ? emptyStatus.get() : source.getStatus();
        return scheduler.schedule(kind, source, status, rules)
                .map(next -> UpdateControl.<T>noUpdate().rescheduleAfter(next))
                .orElseGet(UpdateControl::noUpdate);
    }
}
