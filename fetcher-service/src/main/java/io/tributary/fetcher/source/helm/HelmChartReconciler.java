package io.tributary.fetcher.source.helm;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartStatus;
import io.tributary.fetcher.schedule.SourceReconciliation;
import jakarta.inject.Inject;
import java.time.Duration;

/** The HelmChart scheduler: validates the spec and publishes FetchRequested when the chart is due. */
@ControllerConfiguration(name = "helmchart", generationAwareEventProcessing = false)
public class HelmChartReconciler implements Reconciler<HelmChart> {

    @Inject
    SourceReconciliation sources;

    @Override
    public UpdateControl<HelmChart> reconcile(HelmChart chart, Context<HelmChart> context) throws Exception {
        return sources.reconcile(HelmChart.KIND, chart, chart.getSpec() == null ? null : chart.getSpec().suspend, HelmChartStatus::new, HelmChartBuilder.RULES);
    }
}
