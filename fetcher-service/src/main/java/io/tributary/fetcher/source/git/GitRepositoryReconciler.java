package io.tributary.fetcher.source.git;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositoryStatus;
import io.tributary.fetcher.schedule.SourceScheduler;
import io.tributary.fetcher.schedule.SpecValidation;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.operator.StatusWriter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;

/**
 * The GitRepository scheduler: validates the spec and publishes FetchRequested when the source is due.
 * It never talks to the git server itself; the fetch workers do.
 */
@ControllerConfiguration(name = "gitrepository", generationAwareEventProcessing = false)
public class GitRepositoryReconciler implements Reconciler<GitRepository> {

    @Inject
    SourceScheduler scheduler;
    @Inject
    StatusWriter statusWriter;

    @Override
    public UpdateControl<GitRepository> reconcile(GitRepository repo, Context<GitRepository> context) throws Exception {
        if (repo.getSpec() == null || Boolean.TRUE.equals(repo.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        GitRepositoryStatus status = repo.getStatus() == null ? new GitRepositoryStatus() : repo.getStatus();
        long generation = Objects.requireNonNullElse(repo.getMetadata().getGeneration(), 0L);
        Duration interval;
        try {
            interval = Durations.parse("spec.interval", repo.getSpec().interval);
            GitRepositoryFetcher.plan(repo.getSpec());
        } catch (IllegalArgumentException invalid) {
            if (!SpecValidation.alreadyStalled(status.conditions, status.observedGeneration, generation, invalid.getMessage())) {
                status.conditions = SourceConditions.failed(status.conditions, ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID,
                        invalid.getMessage(), true, generation);
                status.observedGeneration = generation;
                statusWriter.write(GitRepository.class, repo.getMetadata().getNamespace(), repo.getMetadata().getName(), status);
            }
            return UpdateControl.noUpdate();
        }
        Duration next = scheduler.schedule(GitRepository.KIND, repo, status.conditions, status.observedGeneration, interval);
        return UpdateControl.<GitRepository>noUpdate().rescheduleAfter(next);
    }
}
