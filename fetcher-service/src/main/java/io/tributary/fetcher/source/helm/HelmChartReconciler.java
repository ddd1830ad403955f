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
import io.tributary.fetcher.schedule.SourceCleanup;
import io.tributary.fetcher.schedule.SourceScheduler;
import jakarta.inject.Inject;
import java.time.Duration;

/** The HelmChart scheduler: validates the spec and publishes FetchRequested when the chart is due. */
@ControllerConfiguration(name = "helmchart", generationAwareEventProcessing = false)
public class HelmChartReconciler implements Reconciler<HelmChart> {

    @Inject
    SourceScheduler scheduler;
    @Inject
    SourceCleanup cleanup;

    @Override
    public UpdateControl<HelmChart> reconcile(HelmChart chart, Context<HelmChart> context) throws Exception {
        if (chart.getMetadata().getDeletionTimestamp() != null || !cleanup.ensureFinalizer(HelmChart.class, chart)) {
            return UpdateControl.noUpdate();
        }
        if (chart.getSpec() == null || Boolean.TRUE.equals(chart.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        HelmChartStatus status = chart.getStatus() == null ? new HelmChartStatus() : chart.getStatus();
        return scheduler.scheduleValid(HelmChart.KIND, chart, status, () -> {
            Duration interval = Durations.parse("spec.interval", chart.getSpec().interval);
            if (chart.getSpec().sourceRef == null || chart.getSpec().sourceRef.name == null) {
                throw new IllegalArgumentException("spec.sourceRef: kind and name are required");
            }
            return interval;
        }, ConditionTypes.BUILD_FAILED, Reasons.INVALID_CHART_REFERENCE)
                .map(next -> UpdateControl.<HelmChart>noUpdate().rescheduleAfter(next))
                .orElseGet(UpdateControl::noUpdate);
    }
}
