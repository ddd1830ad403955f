package io.tributary.fetcher.source.helm;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositoryStatus;
import io.tributary.fetcher.schedule.SourceCleanup;
import io.tributary.fetcher.schedule.SourceScheduler;
import jakarta.inject.Inject;
import java.time.Duration;

/** The HelmRepository scheduler: validates the spec and publishes FetchRequested when the index is due. */
@ControllerConfiguration(name = "helmrepository", generationAwareEventProcessing = false)
public class HelmRepositoryReconciler implements Reconciler<HelmRepository> {

    /** Flux's default when {@code spec.interval} is not set (it is optional for type oci). */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    @Inject
    SourceScheduler scheduler;
    @Inject
    SourceCleanup cleanup;

    @Override
    public UpdateControl<HelmRepository> reconcile(HelmRepository repo, Context<HelmRepository> context) throws Exception {
        if (repo.getMetadata().getDeletionTimestamp() != null || !cleanup.ensureFinalizer(HelmRepository.class, repo)) {
            return UpdateControl.noUpdate();
        }
        if (repo.getSpec() == null || Boolean.TRUE.equals(repo.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        HelmRepositoryStatus status = repo.getStatus() == null ? new HelmRepositoryStatus() : repo.getStatus();
        return scheduler.scheduleValid(HelmRepository.KIND, repo, status, () -> {
            Duration interval = repo.getSpec().interval == null ? DEFAULT_INTERVAL : Durations.parse("spec.interval", repo.getSpec().interval);
            HelmRepositoryFetcher.validate(repo.getSpec());
            return interval;
        }, ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID)
                .map(next -> UpdateControl.<HelmRepository>noUpdate().rescheduleAfter(next))
                .orElseGet(UpdateControl::noUpdate);
    }
}
