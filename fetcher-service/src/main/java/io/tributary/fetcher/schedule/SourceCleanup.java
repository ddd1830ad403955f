package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.status.Sanitizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * What happens when a source is deleted: its artifacts are removed from storage, the scheduler forgets it, and only
 * then is the finalizer ({@code finalizers.fluxcd.io}) removed. If storage cannot be reached the finalizer stays and
 * the deletion is retried.
 */
@ApplicationScoped
public class SourceCleanup {

    public static final String FINALIZER = "finalizers.fluxcd.io";
    private static final Logger LOG = Logger.getLogger(SourceCleanup.class);

    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceScheduler scheduler;

    public <T extends HasMetadata> DeleteControl cleanup(String kind, T source) {
        String namespace = source.getMetadata().getNamespace();
        String name = source.getMetadata().getName();
        try {
            artifacts.deleteAll(kind, namespace, name);
            scheduler.forget(kind, namespace, name);
            LOG.infof("%s %s/%s deleted: its artifacts are removed", kind, namespace, name);
            return DeleteControl.defaultDelete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(5));
        } catch (Exception e) {
            LOG.warnf("%s %s/%s: deleting its artifacts failed, retrying: %s", kind, namespace, name, Sanitizer.sanitize(e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(10));
        }
    }
}
