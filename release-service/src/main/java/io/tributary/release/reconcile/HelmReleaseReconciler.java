package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmChart;
import io.tributary.events.ObjectRef;
import io.tributary.events.ReleaseEvent;
import io.tributary.operator.EventRecorder;
import io.tributary.operator.StatusWriter;
import io.tributary.release.events.ReleaseEventPublisher;
import io.tributary.release.storage.ReleaseStorage;
import io.tributary.release.values.ValuesComposer;
import io.tributary.release.values.ValuesDigest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The HelmRelease operator: keeps the HelmChart in step with {@code spec.chart}, and installs or upgrades the
 * release when the chart artifact or the values change. HelmChart status changes wake it through an informer.
 */
@ControllerConfiguration(name = "helmrelease", generationAwareEventProcessing = false)
public class HelmReleaseReconciler implements Reconciler<HelmRelease> {

    private static final Logger LOG = Logger.getLogger(HelmReleaseReconciler.class);
    private static final Duration CHART_WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;
    @Inject
    HelmChartSync chartSync;
    @Inject
    ValuesComposer values;
    @Inject
    ReleaseStorage storage;
    @Inject
    ReleaseRunner runner;
    @Inject
    StatusWriter statusWriter;
    @Inject
    EventRecorder kubeEvents;
    @Inject
    ReleaseEventPublisher events;

    @Override
    public List<EventSource<?, HelmRelease>> prepareEventSources(EventSourceContext<HelmRelease> context) {
        var config = InformerEventSourceConfiguration.from(HelmChart.class, HelmRelease.class)
                .withSecondaryToPrimaryMapper(chart -> {
                    Map<String, String> labels = chart.getMetadata().getLabels();
                    if (labels == null || labels.get(HelmChartSync.LABEL_NAME) == null) {
                        return Set.of();
                    }
                    return Set.of(new ResourceID(labels.get(HelmChartSync.LABEL_NAME), labels.get(HelmChartSync.LABEL_NAMESPACE)));
                })
                .build();
        return List.of(new InformerEventSource<>(config, context));
    }

    @Override
    public UpdateControl<HelmRelease> reconcile(HelmRelease cached, Context<HelmRelease> context) throws Exception {
        // The informer cache may not yet hold the status this operator just wrote; decisions need the latest.
        HelmRelease release = client.resources(HelmRelease.class).inNamespace(cached.getMetadata().getNamespace())
                .withName(cached.getMetadata().getName()).get();
        if (release == null || release.getSpec() == null || Boolean.TRUE.equals(release.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        HelmReleaseStatus status = release.getStatus() == null ? new HelmReleaseStatus() : release.getStatus();
        String before = statusWriter.snapshot(status);
        long generation = Objects.requireNonNullElse(release.getMetadata().getGeneration(), 0L);
        Duration interval;
        HelmChart chart;
        try {
            interval = Durations.parse("spec.interval", release.getSpec().interval);
            chart = chart(release);
        } catch (IllegalArgumentException invalid) {
            stall(status, generation, Reasons.INVALID_CHART_REFERENCE, invalid.getMessage());
            patchIfChanged(release, before, status);
            return UpdateControl.noUpdate();
        }
        status.helmChart = chart.getMetadata().getNamespace() + "/" + chart.getMetadata().getName();
        if (!chartReady(chart)) {
            String message = "HelmChart '" + status.helmChart + "' is not ready: " + Conditions.find(
                    chart.getStatus() == null ? null : chart.getStatus().conditions, ConditionTypes.READY)
                    .map(c -> c.getMessage()).orElse("no artifact yet");
            status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, Reasons.HELM_CHART_NOT_READY, message, generation);
            patchIfChanged(release, before, status);
            return UpdateControl.<HelmRelease>noUpdate().rescheduleAfter(CHART_WAIT);
        }
        Map<String, Object> composed;
        try {
            composed = values.compose(release.getMetadata().getNamespace(), release.getSpec());
        } catch (ValuesComposer.ValuesException e) {
            status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, Reasons.INITIALIZATION_FAILED,
                    e.getMessage(), generation);
            patchIfChanged(release, before, status);
            return UpdateControl.<HelmRelease>noUpdate().rescheduleAfter(CHART_WAIT);
        }
        var artifact = chart.getStatus().artifact;
        var desired = new ReleaseDecision.Desired(artifact.revision, artifact.digest, ValuesDigest.of(composed));
        // storage is asked only when status has no history, not on every in-sync reconcile
        boolean exists = (status.history != null && !status.history.isEmpty())
                || storage.latest(ReleaseNames.storageNamespace(release), ReleaseNames.release(release)).isPresent();
        ReleaseDecision decision = ReleaseDecision.decide(status, desired, exists);
        if (decision == ReleaseDecision.IN_SYNC || alreadyFailed(status, desired, release)) {
            status.observedGeneration = generation;
            patchIfChanged(release, before, status);
            return UpdateControl.<HelmRelease>noUpdate().rescheduleAfter(interval);
        }
        act(release, status, chart, composed, desired, decision, generation);
        patchIfChanged(release, before, status);
        return UpdateControl.<HelmRelease>noUpdate().rescheduleAfter(interval);
    }

    private HelmChart chart(HelmRelease release) {
        var spec = release.getSpec();
        if ((spec.chart == null) == (spec.chartRef == null)) {
            throw new IllegalArgumentException("spec: exactly one of 'chart' or 'chartRef' must be set");
        }
        if (spec.chart != null) {
            if (spec.chart.spec == null || spec.chart.spec.sourceRef == null || spec.chart.spec.chart == null) {
                throw new IllegalArgumentException("spec.chart.spec: 'chart' and 'sourceRef' are required");
            }
            if (!List.of("HelmRepository", "GitRepository", "Bucket").contains(spec.chart.spec.sourceRef.kind)) {
                throw new IllegalArgumentException("spec.chart.spec.sourceRef.kind: must be HelmRepository, GitRepository or Bucket, got '"
                        + spec.chart.spec.sourceRef.kind + "'");
            }
            return chartSync.ensure(release);
        }
        if (!"HelmChart".equals(spec.chartRef.kind)) {
            throw new IllegalArgumentException("spec.chartRef.kind: '" + spec.chartRef.kind + "' is not supported yet; use HelmChart");
        }
        String namespace = spec.chartRef.namespace == null ? release.getMetadata().getNamespace() : spec.chartRef.namespace;
        HelmChart chart = client.resources(HelmChart.class).inNamespace(namespace).withName(spec.chartRef.name).get();
        if (chart == null) {
            HelmChart placeholder = new HelmChart();
            placeholder.getMetadata().setName(spec.chartRef.name);
            placeholder.getMetadata().setNamespace(namespace);
            return placeholder;
        }
        return chart;
    }

    private static boolean chartReady(HelmChart chart) {
        var status = chart.getStatus();
        return status != null && status.artifact != null
                && Objects.equals(status.observedGeneration, chart.getMetadata().getGeneration())
                && Conditions.isTrue(status.conditions, ConditionTypes.READY);
    }

    /** After a failed attempt at exactly this chart and these values, wait for a change unless retries remain. */
    private static boolean alreadyFailed(HelmReleaseStatus status, ReleaseDecision.Desired desired, HelmRelease release) {
        boolean sameAttempt = Objects.equals(status.lastAttemptedRevisionDigest, desired.chartDigest())
                && Objects.equals(status.lastAttemptedConfigDigest, desired.configDigest());
        boolean failed = Conditions.find(status.conditions, ConditionTypes.RELEASED).map(c -> "False".equals(c.getStatus())).orElse(false);
        if (!sameAttempt || !failed) {
            return false;
        }
        var remediation = "install".equals(status.lastAttemptedReleaseAction)
                ? release.getSpec().install == null ? null : release.getSpec().install.remediation
                : release.getSpec().upgrade == null ? null : release.getSpec().upgrade.remediation;
        int retries = remediation == null || remediation.retries == null ? 0 : remediation.retries;
        long failures = Objects.requireNonNullElse(status.failures, 0L);
        return retries >= 0 && failures > retries;
    }

    private void act(HelmRelease release, HelmReleaseStatus status, HelmChart chart, Map<String, Object> composed,
            ReleaseDecision.Desired desired, ReleaseDecision decision, long generation) throws InterruptedException {
        boolean install = decision == ReleaseDecision.INSTALL;
        long started = System.nanoTime();
        status.lastAttemptedRevision = desired.chartVersion();
        status.lastAttemptedRevisionDigest = desired.chartDigest();
        status.lastAttemptedConfigDigest = desired.configDigest();
        status.lastAttemptedGeneration = generation;
        status.lastAttemptedReleaseAction = install ? "install" : "upgrade";
        status.storageNamespace = ReleaseNames.storageNamespace(release);
        status.observedGeneration = generation;
        ObjectRef ref = new ObjectRef(HelmRelease.KIND, release.getMetadata().getNamespace(), release.getMetadata().getName());
        try {
            HelmReleaseStatus.Snapshot snapshot = runner.run(release, chart, composed, desired.configDigest(), decision);
            List<HelmReleaseStatus.Snapshot> history = new ArrayList<>();
            history.add(snapshot);
            if (status.history != null) {
                status.history.stream().filter(s -> !Objects.equals(s.version, snapshot.version)).forEach(s -> {
                    if ("deployed".equals(s.status)) {
                        s.status = "superseded";
                    }
                    history.add(s);
                });
            }
            int max = release.getSpec().maxHistory == null ? 5 : release.getSpec().maxHistory;
            status.history = max > 0 && history.size() > max ? history.subList(0, max) : history;
            status.lastReleaseRevision = snapshot.version;
            status.failures = 0L;
            String reason = install ? Reasons.INSTALL_SUCCEEDED : Reasons.UPGRADE_SUCCEEDED;
            String message = "Helm " + (install ? "install" : "upgrade") + " succeeded for release " + snapshot.namespace + "/"
                    + snapshot.name + ".v" + snapshot.version + " with chart " + snapshot.chartName + "@" + desired.chartVersion();
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.STALLED);
            status.conditions = Conditions.set(status.conditions, ConditionTypes.RELEASED, true, reason, message, generation);
            status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, true, reason, message, generation);
            kubeEvents.normal(release, reason, message, Map.of("helm.toolkit.fluxcd.io/revision", desired.chartVersion()));
            events.publish(new ReleaseEvent(ref, "info", reason, message,
                    Map.of("revision", desired.chartVersion(), "releaseVersion", String.valueOf(snapshot.version))));
        } catch (ReleaseRunner.ReleaseFailure failure) {
            LOG.warnf("HelmRelease %s: %s: %s", ref.key(), failure.reason(), failure.getMessage());
            status.failures = Objects.requireNonNullElse(status.failures, 0L) + 1;
            if (install) {
                status.installFailures = Objects.requireNonNullElse(status.installFailures, 0L) + 1;
            } else {
                status.upgradeFailures = Objects.requireNonNullElse(status.upgradeFailures, 0L) + 1;
            }
            status.conditions = Conditions.set(status.conditions, ConditionTypes.RELEASED, false, failure.reason(), failure.getMessage(), generation);
            status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, failure.reason(), failure.getMessage(), generation);
            kubeEvents.warning(release, failure.reason(), failure.getMessage());
            events.publish(new ReleaseEvent(ref, "error", failure.reason(), failure.getMessage(), Map.of("revision", desired.chartVersion())));
        } finally {
            status.lastAttemptedReleaseActionDuration = Duration.ofNanos(System.nanoTime() - started).toMillis() + "ms";
        }
    }

    private static void stall(HelmReleaseStatus status, long generation, String reason, String message) {
        status.observedGeneration = generation;
        status.conditions = Conditions.set(status.conditions, ConditionTypes.STALLED, true, reason, message, generation);
        status.conditions = Conditions.set(status.conditions, ConditionTypes.READY, false, reason, message, generation);
    }

    private void patchIfChanged(HelmRelease release, String before, HelmReleaseStatus status) {
        statusWriter.writeIfChanged(HelmRelease.class, release.getMetadata().getNamespace(), release.getMetadata().getName(),
                before, status);
    }
}
