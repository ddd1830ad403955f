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
import io.tributary.fetcher.schedule.SourceReconciliation;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The GitRepository scheduler: validates the spec and publishes FetchRequested when the source is due.
 * It never talks to the git server itself; the fetch workers do.
 */
@ControllerConfiguration(name = "gitrepository", generationAwareEventProcessing = false)
public class GitRepositoryReconciler implements Reconciler<GitRepository> {

    @Inject
    SourceReconciliation sources;

    @Override
    public UpdateControl<GitRepository> reconcile(GitRepository repo, Context<GitRepository> context) throws Exception {
        return sources.reconcile(GitRepository.KIND, repo, repo.getSpec() == null ? null : repo.getSpec().suspend, GitRepositoryStatus::new, GitRepositoryFetcher.RULES);
    }
}
