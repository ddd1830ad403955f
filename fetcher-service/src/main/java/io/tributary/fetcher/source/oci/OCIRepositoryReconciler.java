package io.tributary.fetcher.source.oci;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.source.OCIRepository;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.fetcher.schedule.SourceReconciliation;
import jakarta.inject.Inject;

/** The OCIRepository scheduler: validates the spec and publishes FetchRequested when the repository is due. */
@ControllerConfiguration(name = "ocirepository", generationAwareEventProcessing = false)
public class OCIRepositoryReconciler implements Reconciler<OCIRepository> {

    @Inject
    SourceReconciliation sources;

    @Override
    public UpdateControl<OCIRepository> reconcile(OCIRepository repository, Context<OCIRepository> context) throws Exception {
        return sources.reconcile(OCIRepository.KIND, repository, repository.getSpec() == null ? null : repository.getSpec().suspend,
                OCIRepositoryStatus::new, OCIRepositoryFetcher.RULES);
    }
}
