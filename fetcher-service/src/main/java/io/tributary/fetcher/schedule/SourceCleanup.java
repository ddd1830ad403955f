package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.status.Sanitizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The source finalizer, {@code finalizers.fluxcd.io}: added by the reconcilers before any work, and, when a source is
 * deleted, removed only after its artifacts are gone from storage and the scheduler has forgotten it. If storage
 * cannot be reached the finalizer stays and the cleanup is retried. (The operator SDK's own finalizer handling
 * demands a {@code domain/name} finalizer, so Flux's name is handled here.)
 */
@ApplicationScoped
public class SourceCleanup {

    public static final String FINALIZER = "finalizers.fluxcd.io";
    private static final Logger LOG = Logger.getLogger(SourceCleanup.class);

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceScheduler scheduler;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "source-cleanup");
        t.setDaemon(true);
        return t;
    });
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    void start(@Observes StartupEvent started) {
        informers.add(watch(GitRepository.class, GitRepository.KIND));
        informers.add(watch(HelmChart.class, HelmChart.KIND));
        informers.add(watch(io.tributary.api.source.HelmRepository.class, io.tributary.api.source.HelmRepository.KIND));
        informers.add(watch(io.tributary.api.source.Bucket.class, io.tributary.api.source.Bucket.KIND));
        informers.add(watch(io.tributary.api.source.OCIRepository.class, io.tributary.api.source.OCIRepository.KIND));
    }

    void stop(@Observes ShutdownEvent stopping) {
        informers.forEach(SharedIndexInformer::close);
        executor.shutdownNow();
    }

    private <T extends HasMetadata> SharedIndexInformer<T> watch(Class<T> type, String kind) {
        return client.resources(type).inAnyNamespace().inform(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T source) {
                onChange(type, kind, source);
            }

            @Override
            public void onUpdate(T previous, T source) {
                onChange(type, kind, source);
            }

            @Override
            public void onDelete(T source, boolean unknown) {
                scheduler.forget(kind, source.getMetadata().getNamespace(), source.getMetadata().getName());
            }
        }, 0);
    }

    private <T extends HasMetadata> void onChange(Class<T> type, String kind, T source) {
        if (source.getMetadata().getDeletionTimestamp() != null && source.getFinalizers().contains(FINALIZER)) {
            executor.execute(() -> cleanup(type, kind, source.getMetadata().getNamespace(), source.getMetadata().getName()));
        }
    }

    /** Adds the finalizer if missing; returns true when it was already there (the caller may proceed). */
    public <T extends HasMetadata> boolean ensureFinalizer(Class<T> type, T source) {
        if (source.getFinalizers().contains(FINALIZER)) {
            return true;
        }
        client.resources(type).inNamespace(source.getMetadata().getNamespace()).withName(source.getMetadata().getName()).edit(current -> {
            // fabric8's addFinalizer() insists on a "domain/name" finalizer; Flux's name is a plain qualified name
            List<String> finalizers = new ArrayList<>(current.getFinalizers());
            if (!finalizers.contains(FINALIZER)) {
                finalizers.add(FINALIZER);
                current.getMetadata().setFinalizers(finalizers);
            }
            return current;
        });
        return false;
    }

    private <T extends HasMetadata> void cleanup(Class<T> type, String kind, String namespace, String name) {
        try {
            artifacts.deleteAll(kind, namespace, name);
            scheduler.forget(kind, namespace, name);
            T current = client.resources(type).inNamespace(namespace).withName(name).get();
            if (current != null && current.getFinalizers().contains(FINALIZER)) {
                client.resources(type).inNamespace(namespace).withName(name).edit(latest -> {
                    List<String> finalizers = new ArrayList<>(latest.getFinalizers());
                    finalizers.remove(FINALIZER);
                    latest.getMetadata().setFinalizers(finalizers);
                    return latest;
                });
            }
            LOG.infof("%s %s/%s deleted: its artifacts are removed", kind, namespace, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("%s %s/%s: deleting its artifacts failed, retrying in 10s: %s", kind, namespace, name, Sanitizer.sanitize(e.getMessage()));
            executor.schedule(() -> cleanup(type, kind, namespace, name), 10, TimeUnit.SECONDS);
        }
    }
}
