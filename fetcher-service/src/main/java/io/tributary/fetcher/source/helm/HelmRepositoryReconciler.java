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
import io.tributary.fetcher.schedule.SourceReconciliation;
import jakarta.inject.Inject;
import java.time.Duration;

/** The HelmRepository scheduler: validates the spec and publishes FetchRequested when the index is due. */
@ControllerConfiguration(name = "helmrepository", generationAwareEventProcessing = false)
public class HelmRepositoryReconciler implements Reconciler<HelmRepository> {

    /** Flux's default when {@code spec.interval} is not set (it is optional for type oci). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    @Inject
    SourceReconciliation sources;

    @Override
    public UpdateControl<HelmRepository> reconcile(HelmRepository repo, Context<HelmRepository> context) throws Exception {
        return sources.reconcile(HelmRepository.KIND, repo, repo.getSpec() == null ? null : repo.getSpec().suspend, HelmRepositoryStatus::new, HelmRepositoryFetcher.RULES);
    }
}
