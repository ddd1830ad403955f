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
import io.tributary.fetcher.schedule.SourceScheduler;
import io.tributary.fetcher.schedule.SpecValidation;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.operator.StatusWriter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;

/** The HelmChart scheduler: validates the spec and publishes FetchRequested when the chart is due. */
@ControllerConfiguration(name = "helmchart", generationAwareEventProcessing = false)
public class HelmChartReconciler implements Reconciler<HelmChart> {

    @Inject
    SourceScheduler scheduler;
    @Inject
    StatusWriter statusWriter;

    @Override
    public UpdateControl<HelmChart> reconcile(HelmChart chart, Context<HelmChart> context) throws Exception {
        if (chart.getSpec() == null || Boolean.TRUE.equals(chart.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        HelmChartStatus status = chart.getStatus() == null ? new HelmChartStatus() : chart.getStatus();
        long generation = Objects.requireNonNullElse(chart.getMetadata().getGeneration(), 0L);
        Duration interval;
        try {
            interval = Durations.parse("spec.interval", chart.getSpec().interval);
            if (chart.getSpec().sourceRef == null || chart.getSpec().sourceRef.name == null) {
                throw new IllegalArgumentException("spec.sourceRef: kind and name are required");
            }
        } catch (IllegalArgumentException invalid) {
            if (!SpecValidation.alreadyStalled(status.conditions, status.observedGeneration, generation, invalid.getMessage())) {
                status.conditions = SourceConditions.failed(status.conditions, ConditionTypes.BUILD_FAILED,
                        Reasons.INVALID_CHART_REFERENCE, invalid.getMessage(), true, generation);
                status.observedGeneration = generation;
                statusWriter.write(HelmChart.class, chart.getMetadata().getNamespace(), chart.getMetadata().getName(), status);
            }
            return UpdateControl.noUpdate();
        }
        Duration next = scheduler.schedule(HelmChart.KIND, chart, status.conditions, status.observedGeneration, interval);
        return UpdateControl.<HelmChart>noUpdate().rescheduleAfter(next);
    }
}
