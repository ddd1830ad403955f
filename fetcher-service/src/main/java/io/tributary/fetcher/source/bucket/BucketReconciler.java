package io.tributary.fetcher.source.bucket;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.Bucket;
import io.tributary.api.source.BucketStatus;
import io.tributary.fetcher.schedule.SourceReconciliation;
import jakarta.inject.Inject;
import java.time.Duration;

/** The Bucket scheduler: validates the spec and publishes FetchRequested when the bucket is due. */
@ControllerConfiguration(name = "bucket", generationAwareEventProcessing = false)
public class BucketReconciler implements Reconciler<Bucket> {

    @Inject
    SourceReconciliation sources;

    @Override
    public UpdateControl<Bucket> reconcile(Bucket bucket, Context<Bucket> context) throws Exception {
        return sources.reconcile(Bucket.KIND, bucket, bucket.getSpec() == null ? null : bucket.getSpec().suspend, BucketStatus::new, BucketFetcher.RULES);
    }
}
