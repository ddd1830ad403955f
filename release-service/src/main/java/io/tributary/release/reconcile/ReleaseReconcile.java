package io.tributary.release.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.tributary.release.action.ActionReconciler;
import io.tributary.release.action.ReleaseEvents;
import io.tributary.release.action.ReleaseRequest;
import io.tributary.release.action.Uninstall;
import io.tributary.release.cel.CelExpression;
import io.tributary.release.chart.ChartRevision;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.events.FluxEventPublisher;
import io.tributary.release.events.ReleaseEventPublisher;
import io.tributary.release.plan.ReleaseHistory;
import io.tributary.release.plan.ReleaseOptions;
import io.tributary.release.plan.Snapshot;
import io.tributary.release.postrender.KubectlKustomize;
import io.tributary.release.values.ValuesComposer;
import io.tributary.release.wait.HealthChecks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One reconcile of a HelmRelease, in source-controller's manner of named steps that stop at the first error: chart,
 * values, chart artifact, release target, then the {@link AtomicRelease} loop. Changes {@code release.getStatus()} in
 * place and returns when to come back.
 */
@ApplicationScoped
public class ReleaseReconcile {

    private static final Logger LOG = Logger.getLogger(ReleaseReconcile.class);
    private static final Duration CHART_WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;
    @Inject
    HelmChartSync chartSync;
    @Inject
    ValuesComposer values;
    @Inject
    EventRecorder kubeEvents;
    @Inject
    ReleaseEventPublisher publisher;
    @Inject
    FluxEventPublisher stream;

    @ConfigProperty(name = "tributary.helm.max-chart-bytes", defaultValue = "10485760")
    long maxChartBytes;
    @ConfigProperty(name = "tributary.helm.max-chart-file-bytes", defaultValue = "5242880")
    long maxChartFileBytes;
    @ConfigProperty(name = "tributary.helm.max-chart-unpacked-bytes", defaultValue = "104857600")
    long maxChartUnpackedBytes;
    @ConfigProperty(name = "tributary.helm.default-to-retry-on-failure", defaultValue = "false")
    boolean defaultToRetryOnFailure;
    /** helm-controller's {@code --requeue-dependency}; a dependency turning Ready also wakes its dependents at once. */
    @ConfigProperty(name = "tributary.helm.dependency-requeue", defaultValue = "30s")
    Duration dependencyRequeue;
    /** helm-controller's {@code --feature-gates=ExternalArtifact=true}: a chartRef may name an ExternalArtifact. */
    @ConfigProperty(name = "tributary.helm.allow-external-artifact", defaultValue = "false")
    boolean allowExternalArtifact;
    /** False is helm-controller's {@code DisableChartDigestTracking}: an OCI chart keeps its own version. */
    @ConfigProperty(name = "tributary.helm.chart-digest-tracking", defaultValue = "true")
    boolean chartDigestTracking;
    @ConfigProperty(name = "tributary.helm.chart-cache-size", defaultValue = "32")
    int chartCacheSize;
    /** helm-controller's {@code --default-service-account}: impersonated when a HelmRelease names none. */
    @ConfigProperty(name = "tributary.helm.default-service-account")
    Optional<String> defaultServiceAccount;
    /** Clients kept for remote clusters and impersonated identities. */
    @ConfigProperty(name = "tributary.helm.cluster-client-cache-size", defaultValue = "16")
    int clusterClientCacheSize;
    /** The kubectl whose embedded Kustomize post-renders releases, and the bounds of one build. */
    @ConfigProperty(name = "tributary.helm.kubectl", defaultValue = "kubectl")
    String kubectl;
    @ConfigProperty(name = "tributary.helm.post-render-timeout", defaultValue = "60s")
    Duration postRenderTimeout;
    @ConfigProperty(name = "tributary.helm.max-post-render-bytes", defaultValue = "33554432")
    long maxPostRenderBytes;

    private ReleaseClusters clusters;
    private ChartCache charts;
    private Dependencies dependencies;

    @PostConstruct
    void init() {
        clusters = new ReleaseClusters(client, new HelmEngine(), new Events(), new KubectlKustomize(kubectl, postRenderTimeout,
                maxPostRenderBytes), defaultServiceAccount, clusterClientCacheSize);
        dependencies = new Dependencies(client);
        try {
            charts = new ChartCache(new ChartLoader(maxChartBytes, maxChartFileBytes, maxChartUnpackedBytes)::load,
                    Files.createTempDirectory("release-charts-"), chartCacheSize);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the chart cache directory", e);
        }
    }

    @PreDestroy
    void close() {
        charts.close();
        clusters.close();
    }

    /** Created at start-up, so that the JVM's signal handlers are captured before the Helm library is used. */
    void loadHelmAtStartup(@Observes io.quarkus.runtime.StartupEvent started) {
        // the observer alone makes the container create this bean, and with it the engine
    }

    public Duration reconcile(HelmRelease release) throws InterruptedException {
        return reconcile(release, List.of(), AtomicRelease.Progress.NONE);
    }

    /**
     * One reconcile; {@code cachedCharts} are the informer's copies of the release's HelmCharts, {@code progress} is
     * shown the status each time an action is about to run.
     */
    public Duration reconcile(HelmRelease release, Collection<HelmChart> cachedCharts, AtomicRelease.Progress progress)
            throws InterruptedException {
        HelmReleaseStatus status = release.getStatus();
        long generation = Objects.requireNonNullElse(release.getMetadata().getGeneration(), 0L);
        Optional<Dependencies.Unmet> unmet = dependencies.check(release);
        if (unmet.isPresent()) {
            if (unmet.get().terminal()) {
                String message = "Reconciliation failed terminally due to configuration error: " + unmet.get().message();
                Outcome.stall(status, generation, Reasons.INVALID_CEL_EXPRESSION, message);
                kubeEvents.warning(release, Reasons.INVALID_CEL_EXPRESSION, unmet.get().message());
                return Duration.ofMinutes(60);
            }
            status.conditions = Conditions.set(status.conditions, ConditionTypes.RECONCILING, true, Reasons.PROGRESSING,
                    "Fulfilling prerequisites", generation);
            Outcome.notReady(status, generation, Reasons.DEPENDENCY_NOT_READY, unmet.get().message());
            kubeEvents.normal(release, Reasons.DEPENDENCY_NOT_READY, unmet.get().message(), Map.of());
            return dependencyRequeue;
        }
        if (Conditions.find(status.conditions, ConditionTypes.READY).filter(c -> Reasons.DEPENDENCY_NOT_READY.equals(c.getReason())).isPresent()) {
            status.conditions = Conditions.setUnknown(status.conditions, ConditionTypes.READY, Reasons.PROGRESSING,
                    "reconciliation in progress", generation);
        }
        Duration interval;
        ReleaseOptions options;
        ChartSource source;
        try {
            interval = Durations.parse("spec.interval", release.getSpec().interval);
            options = ReleaseOptions.of(release.getSpec(), defaultToRetryOnFailure);
            ChartReferences.validate(release);
            HealthChecks.of(release.getSpec().healthCheckExprs);
        } catch (IllegalArgumentException invalid) {
            Outcome.stall(status, generation, Reasons.INVALID_CHART_REFERENCE, invalid.getMessage());
            return Duration.ofMinutes(60);
        } catch (CelExpression.InvalidExpression invalid) {
            Outcome.stall(status, generation, Reasons.INVALID_CEL_EXPRESSION, invalid.getMessage());
            return Duration.ofMinutes(60);
        }
        try {
            source = source(release, cachedCharts);
        } catch (ChartReferences.SourceUnavailable e) {
            if (e.denied()) {
                Outcome.stall(status, generation, Reasons.ACCESS_DENIED, e.getMessage());
                kubeEvents.warning(release, Reasons.ACCESS_DENIED, e.getMessage());
                return Duration.ofMinutes(60);
            }
            Outcome.notReady(status, generation, Reasons.ARTIFACT_FAILED, "could not get Source object: " + e.getMessage());
            return RETRY;
        }
        Optional<String> waiting = source.notReady();
        if (waiting.isPresent()) {
            // the source's watch brings the release back as soon as the artifact is there
            Outcome.notReady(status, generation, Reasons.SOURCE_NOT_READY, waiting.get());
            return dependencyRequeue;
        }
        Map<String, Object> composed;
        try {
            composed = values.compose(release.getMetadata().getNamespace(), release.getSpec());
        } catch (ValuesComposer.ValuesException e) {
            Outcome.notReady(status, generation, Reasons.INITIALIZATION_FAILED, e.getMessage());
            return CHART_WAIT;
        }
        ReleaseRun run;
        try {
            run = clusters.runFor(release);
        } catch (ReleaseClusters.TargetException e) {
            if (e.terminal()) {
                Outcome.stall(status, generation, Reasons.REST_CLIENT_ERROR, e.getMessage());
                return Duration.ofMinutes(60);
            }
            Outcome.notReady(status, generation, Reasons.REST_CLIENT_ERROR, e.getMessage());
            return RETRY;
        }
        Path work = null;
        try (ChartCache.Lease loaded = charts.lease(source.artifact())) {
            // the values files of this reconcile; the chart directory is shared and only read
            work = Files.createTempDirectory("release-");
            ChartRevision.Tracked tracked = ChartRevision.track(source.kind(), source.artifact().revision, loaded.chart().version(),
                    chartDigestTracking);
            LoadedChart chart = loaded.chart().withVersion(tracked.version(), work.resolve("chart"));
            ReleaseRequest req = new ReleaseRequest(release, status, chart, composed, options, ReleaseNames.release(release),
                    ReleaseNames.targetNamespace(release), ReleaseNames.storageNamespace(release), work);
            return run.release(req, tracked.digest().isEmpty() ? null : tracked.digest(), interval, progress);
        } catch (ChartLoader.ChartLoadException e) {
            Outcome.notReady(status, generation, Reasons.ARTIFACT_FAILED, e.getMessage());
            kubeEvents.warning(release, Reasons.ARTIFACT_FAILED, e.getMessage());
            return RETRY;
        } catch (ChartRevision.MismatchException e) {
            Outcome.notReady(status, generation, Reasons.CHART_MUTATE_ERROR, e.getMessage());
            return RETRY;
        } catch (IOException e) {
            Outcome.notReady(status, generation, Reasons.RECONCILIATION_FAILED, "cannot create a work directory: " + e.getMessage());
            return RETRY;
        } finally {
            delete(work);
        }
    }

    /**
     * The source of the release's chart; with {@code spec.chartRef}, the HelmChart an earlier {@code spec.chart} made
     * is deleted first, as helm-controller collects it when a release switches to a reference.
     */
    private ChartSource source(HelmRelease release, Collection<HelmChart> cachedCharts) throws ChartReferences.SourceUnavailable {
        HelmReleaseStatus status = release.getStatus();
        if (release.getSpec().chartRef != null) {
            if (status.helmChart != null && !status.helmChart.isEmpty()) {
                chartSync.deleteGenerated(release, status.helmChart);
                status.helmChart = null;
            }
            return ChartReferences.resolve(client, chartSync, release, cachedCharts, allowExternalArtifact);
        }
        ChartSource source = ChartReferences.resolve(client, chartSync, release, cachedCharts, allowExternalArtifact);
        status.helmChart = source.namespace() + "/" + source.name();
        return source;
    }

    /** Uninstalls the release on deletion; false when it must be tried again. */
    public boolean uninstallOnDelete(HelmRelease release) throws InterruptedException {
        HelmReleaseStatus status = release.getStatus();
        String storageNamespace = status.storageNamespace == null ? ReleaseNames.storageNamespace(release) : status.storageNamespace;
        Optional<Snapshot> cur = ReleaseHistory.of(status.history).latest();
        ReleaseOptions options;
        try {
            options = ReleaseOptions.of(release.getSpec(), defaultToRetryOnFailure);
        } catch (IllegalArgumentException e) {
            options = ReleaseOptions.defaults();
        }
        ReleaseRequest req = new ReleaseRequest(release, status, null, Map.of(), options,
                cur.map(Snapshot::name).orElse(ReleaseNames.release(release)),
                cur.map(Snapshot::namespace).orElse(ReleaseNames.targetNamespace(release)), storageNamespace, null);
        try {
            new Uninstall(clusters.runFor(release).toolkit()).reconcile(req);
            return true;
        } catch (ReleaseClusters.TargetException e) {
            if (e.missing() || e.terminal()) {
                // helm-controller: without the kubeconfig there is no client to uninstall with; the object goes
                LOG.warnf("HelmRelease %s/%s: skipping Helm release uninstallation: %s", release.getMetadata().getNamespace(),
                        release.getMetadata().getName(), e.getMessage());
                return true;
            }
            LOG.warnf("HelmRelease %s/%s: %s", release.getMetadata().getNamespace(), release.getMetadata().getName(), e.getMessage());
            return false;
        } catch (ActionReconciler.ActionError e) {
            LOG.warnf("HelmRelease %s/%s: %s", release.getMetadata().getNamespace(), release.getMetadata().getName(), e.getMessage());
            return false;
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }

    /** Kubernetes Events and the release-events topic. */
    private final class Events implements ReleaseEvents {
        @Override
        public void normal(HelmRelease object, String reason, String message, String revision) {
            kubeEvents.normal(object, reason, message, Map.of("helm.toolkit.fluxcd.io/revision", revision == null ? "" : revision));
            stream.info(object, reason, message, revision == null ? Map.of() : Map.of("revision", revision));
            publish(object, "info", reason, message, revision);
        }

        @Override
        public void warning(HelmRelease object, String reason, String message, String revision) {
            LOG.warnf("HelmRelease %s/%s: %s: %s", object.getMetadata().getNamespace(), object.getMetadata().getName(), reason, message);
            kubeEvents.warning(object, reason, message);
            stream.error(object, reason, message);
            publish(object, "error", reason, message, revision);
        }

        private void publish(HelmRelease object, String severity, String reason, String message, String revision) {
            ObjectRef ref = new ObjectRef(HelmRelease.KIND, object.getMetadata().getNamespace(), object.getMetadata().getName());
            try {
                publisher.publish(new ReleaseEvent(ref, severity, reason, message, Map.of("revision", revision == null ? "" : revision)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
