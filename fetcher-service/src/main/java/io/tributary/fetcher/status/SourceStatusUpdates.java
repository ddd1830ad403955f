package io.tributary.fetcher.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.tributary.api.source.SourceStatus;
import io.tributary.events.FetchRequested;
import io.tributary.operator.EventRecorder;
import io.tributary.operator.StatusWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** How a fetch worker reports on any source kind: starting new work, finishing, failing. */
@ApplicationScoped
public class SourceStatusUpdates {

    private static final Logger LOG = Logger.getLogger(SourceStatusUpdates.class);

    @Inject
    StatusWriter statusWriter;
    @Inject
    EventRecorder events;

    /** Marks Reconciling=True when this fetch builds a new generation or a first artifact. */
    public <T extends CustomResource<?, S>, S extends SourceStatus> void startIfNew(T source, S status, long generation) {
        if (SourceConditions.isNewWork(status.observedGeneration, generation, status.artifact)) {
            status.conditions = SourceConditions.progressing(status.conditions, "building artifact: new generation " + generation, generation);
            write(source, status);
        }
    }

    /** Records the handled generation and requestedAt, and writes the status. */
    public <T extends CustomResource<?, S>, S extends SourceStatus> void finish(T source, S status, long generation,
            FetchRequested request) {
        status.observedGeneration = generation;
        if (request.requestedAt() != null) {
            status.lastHandledReconcileAt = request.requestedAt();
        }
        write(source, status);
    }

    /** Logs once, sets the failure conditions with a sanitised message, writes the status and a Warning event. */
    public <T extends CustomResource<?, S>, S extends SourceStatus> void fail(T source, S status, long generation,
            FetchRequested request, String type, String reason, String message, boolean stalling) {
        String safe = Sanitizer.sanitize(message);
        LOG.warnf("%s %s/%s: %s: %s", source.getKind(), source.getMetadata().getNamespace(), source.getMetadata().getName(), reason, safe);
        status.conditions = SourceConditions.failed(status.conditions, type, reason, safe, stalling, generation);
        finish(source, status, generation, request);
        events.warning(source, reason, safe);
    }

    @SuppressWarnings("unchecked")
    private <T extends CustomResource<?, S>, S extends SourceStatus> void write(T source, S status) {
        statusWriter.write((Class<T>) source.getClass(), source.getMetadata().getNamespace(), source.getMetadata().getName(), status);
    }
}
