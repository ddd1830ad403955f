package io.tributary.fetcher.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.tributary.api.source.SourceStatus;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.events.FluxEventPublisher;
import io.tributary.fetcher.source.SourceFetch;
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
    @Inject
    FluxEventPublisher stream;

    public <T extends CustomResource<?, S>, S extends SourceStatus> Report<T, S> report(T source, S status, FetchRequested request,
            long generation) {
        return new Report<>(source, status, request, generation, statusWriter.track(source, status), events, stream);
    }

    /** One fetch's reports on its source; each write sends only what this fetch changed. */
    public static final class Report<T extends CustomResource<?, S>, S extends SourceStatus> {
        private final T source;
        private final S status;
        private final FetchRequested request;
        private final long generation;
        private final StatusWriter.Tracked<T, S> writer;
        private final EventRecorder events;
        private final FluxEventPublisher stream;

        Report(T source, S status, FetchRequested request, long generation, StatusWriter.Tracked<T, S> writer, EventRecorder events,
                FluxEventPublisher stream) {
            this.source = source;
            this.status = status;
            this.request = request;
            this.generation = generation;
            this.writer = writer;
            this.events = events;
            this.stream = stream;
        }

        /** Marks Reconciling=True when this fetch builds a new generation or a first artifact. */
        public void startIfNew() {
            if (SourceConditions.isNewWork(status.observedGeneration, generation, status.artifact)) {
                status.conditions = SourceConditions.progressing(status.conditions, "building artifact: new generation " + generation, generation);
                writer.write(status);
            }
        }

        public void succeed(String message, boolean newArtifact) {
            status.conditions = SourceConditions.succeeded(status.conditions, message, generation);
            complete();
            if (newArtifact) {
                LOG.infof("%s %s: %s", source.getKind(), ref(), message);
            } else {
                LOG.debugf("%s %s: %s", source.getKind(), ref(), message);
            }
        }

        /** Logs once (an unexpected {@code cause} as an error), writes the failure and a Warning event. */
        public void fail(SourceFetch.Failed failed, Throwable cause) {
            String safe = Sanitizer.sanitize(failed.message());
            if (cause == null) {
                LOG.warnf("%s %s: %s: %s", source.getKind(), ref(), failed.reason(), safe);
            } else {
                // exception messages are not sanitised, so the stack trace only at debug level
                LOG.errorf("%s %s: %s: %s (%s)", source.getKind(), ref(), failed.reason(), safe, cause.getClass().getName());
                LOG.debug("unexpected fetch failure", cause);
            }
            status.conditions = SourceConditions.failed(status.conditions, failed.type(), failed.reason(), safe, failed.kind(), generation);
            complete();
            events.warning(source, failed.reason(), safe);
            stream.error(source, failed.reason(), safe);
        }

        /** Records the handled generation and requestedAt, and writes the status. */
        public void complete() {
            status.observedGeneration = generation;
            if (request.requestedAt() != null) {
                status.lastHandledReconcileAt = request.requestedAt();
            }
            writer.write(status);
        }

        private String ref() {
            return source.getMetadata().getNamespace() + "/" + source.getMetadata().getName();
        }
    }
}
