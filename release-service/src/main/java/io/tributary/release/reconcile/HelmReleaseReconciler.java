package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Annotations;
import io.tributary.api.source.ExternalArtifact;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.OCIRepository;
import io.tributary.operator.StatusWriter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HelmRelease operator: runs one {@link ReleaseReconcile} a reconcile and writes the status once, through the
 * {@link StatusWriter}; uninstalls on deletion behind the {@code finalizers.fluxcd.io} finalizer. Which changes start a
 * reconcile is {@link ReleaseEventFilters}' choice, as helm-controller's predicates make it.
 */
@ControllerConfiguration(name = "helmrelease", generationAwareEventProcessing = false, finalizerName = HelmReleaseReconciler.SDK_FINALIZER,
        informer = @Informer(onUpdateFilter = ReleaseEventFilters.ReleaseUpdates.class))
public class HelmReleaseReconciler implements Reconciler<HelmRelease>, Cleaner<HelmRelease> {

    /**
     * The operator SDK insists on a domain-qualified finalizer, which Flux's {@code finalizers.fluxcd.io} is not; it
     * keeps this one to be called on deletion, and the reconciler keeps Flux's alongside it.
     */
    static final String SDK_FINALIZER = "helm.toolkit.fluxcd.io/finalizer";
    /** The label a ConfigMap or Secret carries to have the HelmReleases that take values from it upgraded when it changes. */
    static final String WATCH_LABEL = "reconcile.fluxcd.io/watch";
    static final String WATCH_ENABLED = "Enabled";
    private static final String DEPENDS_ON_INDEX = "dependsOn";
    private static final String VALUES_FROM_INDEX = "valuesFrom";
    /** helm-controller's {@code SourceIndexKey}: {@code <kind>/<namespace>/<name>} of the object the chart comes from. */
    private static final String SOURCE_INDEX = "source";

    private final SimpleInboundEventSource<HelmRelease> dependents = new SimpleInboundEventSource<>("dependents");
    /** The newest resourceVersion of each HelmRelease this process read or wrote: a cached copy this new is fresh. */
    private final Map<ResourceID, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    KubernetesClient client;
    @Inject
    StatusWriter statusWriter;
    @Inject
    ReleaseReconcile releases;
    /** helm-controller's {@code ExternalArtifact} feature gate, as {@link ReleaseReconcile} reads it. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tributary.helm.allow-external-artifact", defaultValue = "false")
    boolean allowExternalArtifact;

    @Override
    public List<EventSource<?, HelmRelease>> prepareEventSources(EventSourceContext<HelmRelease> context) {
        var cache = context.getPrimaryCache();
        cache.addIndexer(DEPENDS_ON_INDEX, HelmReleaseReconciler::dependencyKeys);
        cache.addIndexer(VALUES_FROM_INDEX, HelmReleaseReconciler::valuesKeys);
        cache.addIndexer(SOURCE_INDEX, release -> {
            String key = ChartReferences.sourceKey(release);
            return key == null ? List.of() : List.of(key);
        });
        var config = InformerEventSourceConfiguration.from(HelmChart.class, HelmRelease.class)
                .withSecondaryToPrimaryMapper(chart -> {
                    Set<ResourceID> releases = new java.util.HashSet<>(usersOf(context, ChartSource.of(chart)));
                    Map<String, String> labels = chart.getMetadata().getLabels();
                    if (labels != null && labels.get(HelmChartSync.LABEL_NAME) != null) {
                        releases.add(new ResourceID(labels.get(HelmChartSync.LABEL_NAME), labels.get(HelmChartSync.LABEL_NAMESPACE)));
                    }
                    return releases;
                })
                .withOnAddFilter(new ReleaseEventFilters.ChartAdds())
                .withOnUpdateFilter(new ReleaseEventFilters.ChartUpdates())
                .build();
        var oci = InformerEventSourceConfiguration.from(OCIRepository.class, HelmRelease.class)
                .withName("chartref-ocirepository")
                .withSecondaryToPrimaryMapper(repository -> usersOf(context, ChartSource.of(repository)))
                .withOnAddFilter(new ReleaseEventFilters.SourceAdds<OCIRepository>(ChartSource::of))
                .withOnUpdateFilter(new ReleaseEventFilters.OciRepositoryUpdates())
                .build();
        List<EventSource<?, HelmRelease>> sources = new ArrayList<>();
        sources.add(new InformerEventSource<>(config, context));
        sources.add(new InformerEventSource<>(oci, context));
        if (allowExternalArtifact) {
            // helm-controller watches ExternalArtifacts only with its feature gate on
            var external = InformerEventSourceConfiguration.from(ExternalArtifact.class, HelmRelease.class)
                    .withName("chartref-externalartifact")
                    .withSecondaryToPrimaryMapper(artifact -> usersOf(context, ChartSource.of(artifact)))
                    .withOnAddFilter(new ReleaseEventFilters.SourceAdds<ExternalArtifact>(ChartSource::of))
                    .withOnUpdateFilter(new ReleaseEventFilters.ExternalArtifactUpdates())
                    .build();
            sources.add(new InformerEventSource<>(external, context));
        }
        sources.add(dependents);
        // values from ConfigMaps and Secrets that opt in to being watched, as Flux's reconcile.fluxcd.io/watch
        for (Class<? extends HasMetadata> kind : List.of(ConfigMap.class, Secret.class)) {
            sources.add(valuesSource(kind, context));
        }
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, HelmRelease> valuesSource(Class<R> kind,
            EventSourceContext<HelmRelease> context) {
        var config = InformerEventSourceConfiguration.from(kind, HelmRelease.class)
                .withName("values-" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT))
                .withLabelSelector(WATCH_LABEL + "=" + WATCH_ENABLED)
                .withSecondaryToPrimaryMapper(object -> context.getPrimaryCache().byIndex(VALUES_FROM_INDEX,
                                kind.getSimpleName() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** The releases whose chart comes from {@code source} and that have not attempted its artifact yet. */
    private static Set<ResourceID> usersOf(EventSourceContext<HelmRelease> context, ChartSource source) {
        return context.getPrimaryCache().byIndex(SOURCE_INDEX, source.kind() + "/" + source.namespace() + "/" + source.name()).stream()
                .filter(release -> ReleaseEventFilters.releaseWantsArtifact(release, source))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static List<String> dependencyKeys(HelmRelease release) {
        if (release.getSpec() == null || release.getSpec().dependsOn == null) {
            return List.of();
        }
        return release.getSpec().dependsOn.stream().map(d -> (d.namespace == null || d.namespace.isEmpty()
                ? release.getMetadata().getNamespace() : d.namespace) + "/" + d.name).toList();
    }

    private static List<String> valuesKeys(HelmRelease release) {
        if (release.getSpec() == null || release.getSpec().valuesFrom == null) {
            return List.of();
        }
        return release.getSpec().valuesFrom.stream().map(v -> v.kind + "/" + release.getMetadata().getNamespace() + "/" + v.name).toList();
    }

    /** A release that is Ready at its generation wakes the releases that depend on it, rather than letting them poll. */
    private void wakeDependents(HelmRelease release, Context<HelmRelease> context) {
        if (release.getStatus() == null || !release.getMetadata().getGeneration().equals(release.getStatus().observedGeneration)
                || !io.tributary.api.meta.Conditions.isTrue(release.getStatus().conditions, io.tributary.api.meta.ConditionTypes.READY)) {
            return;
        }
        String key = release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
        context.getPrimaryCache().byIndex(DEPENDS_ON_INDEX, key).forEach(d -> dependents.propagateEvent(ResourceID.fromResource(d)));
    }

    @Override
    public UpdateControl<HelmRelease> reconcile(HelmRelease cached, Context<HelmRelease> context) throws Exception {
        HelmRelease release = latest(cached);
        if (release == null || release.getSpec() == null || Boolean.TRUE.equals(release.getSpec().suspend)) {
            return UpdateControl.noUpdate();
        }
        if (!release.getMetadata().getFinalizers().contains(Annotations.FINALIZER)) {
            List<String> finalizers = new ArrayList<>(release.getMetadata().getFinalizers());
            finalizers.add(Annotations.FINALIZER);
            HelmRelease patched = patchFinalizers(release, finalizers);
            see(patched);
            // the status is written against the object as patched, not as read
            release.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
            release.getMetadata().setFinalizers(patched.getMetadata().getFinalizers());
        }
        var tracked = statusWriter.track(release, release.getStatus());
        Duration requeue = releases.reconcile(release, context.getSecondaryResources(HelmChart.class), tracked::write);
        tracked.write(release.getStatus());
        see(ResourceID.fromResource(release), tracked.resourceVersion());
        wakeDependents(release, context);
        return UpdateControl.<HelmRelease>noUpdate().rescheduleAfter(requeue);
    }

    /**
     * The HelmRelease is being deleted: uninstall the release (unless suspended), then let the object go. The SDK keeps
     * the {@code finalizers.fluxcd.io} finalizer on the object until this returns the default.
     */
    @Override
    public DeleteControl cleanup(HelmRelease cached, Context<HelmRelease> context) throws Exception {
        seen.remove(ResourceID.fromResource(cached));
        HelmRelease release = read(cached);
        if (release == null) {
            return DeleteControl.defaultDelete();
        }
        if (release.getSpec() != null && !Boolean.TRUE.equals(release.getSpec().suspend)
                && release.getMetadata().getFinalizers().contains(Annotations.FINALIZER)) {
            var tracked = statusWriter.track(release, release.getStatus());
            boolean done = releases.uninstallOnDelete(release);
            if (!done) {
                tracked.write(release.getStatus());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(10).toMillis());
            }
        }
        if (release.getMetadata().getFinalizers().contains(Annotations.FINALIZER)) {
            List<String> finalizers = new ArrayList<>(release.getMetadata().getFinalizers());
            finalizers.remove(Annotations.FINALIZER);
            patchFinalizers(release, finalizers);
        }
        return DeleteControl.defaultDelete();
    }

    /** A merge patch of metadata only: it neither conflicts with nor overwrites a concurrent spec change. */
    private HelmRelease patchFinalizers(HelmRelease release, List<String> finalizers) {
        return client.resources(HelmRelease.class).inNamespace(release.getMetadata().getNamespace()).withName(release.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(
                        Map.of("metadata", Map.of("finalizers", finalizers))));
    }

    /**
     * The informer cache may not yet hold the status this operator just wrote, and decisions need the latest: the cached
     * copy when it is at least as new as what this process last read or wrote of the object (resourceVersions are etcd
     * revisions, compared as the operator SDK compares them), otherwise the object as the API server holds it now.
     */
    private HelmRelease latest(HelmRelease cached) {
        ResourceID id = ResourceID.fromResource(cached);
        Long known = seen.get(id);
        Long version = version(cached.getMetadata().getResourceVersion());
        if (known != null && version != null && version >= known) {
            HelmRelease copy = client.getKubernetesSerialization().clone(cached);
            if (copy.getStatus() == null) {
                copy.setStatus(new HelmReleaseStatus());
            }
            return copy;
        }
        HelmRelease release = read(cached);
        if (release != null) {
            see(release);
        }
        return release;
    }

    private HelmRelease read(HelmRelease cached) {
        HelmRelease release = client.resources(HelmRelease.class).inNamespace(cached.getMetadata().getNamespace())
                .withName(cached.getMetadata().getName()).get();
        if (release != null && release.getStatus() == null) {
            release.setStatus(new HelmReleaseStatus());
        }
        return release;
    }

    private void see(HelmRelease release) {
        see(ResourceID.fromResource(release), release.getMetadata().getResourceVersion());
    }

    private void see(ResourceID id, String resourceVersion) {
        Long version = version(resourceVersion);
        if (version != null) {
            seen.merge(id, version, Math::max);
        }
    }

    private static Long version(String resourceVersion) {
        try {
            return resourceVersion == null ? null : Long.parseLong(resourceVersion);
        } catch (NumberFormatException opaque) {
            return null;
        }
    }
}
