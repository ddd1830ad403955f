package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.client.CustomResource;
import io.tributary.api.meta.Annotations;
import io.tributary.api.source.SourceStatus;
import io.tributary.events.FetchRequested;
import io.tributary.events.ObjectRef;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SpecRules;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.operator.FailureKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps what was last requested per source and turns a reconcile into a FetchRequested when due. It never writes
 * status: the fetch worker is the only writer of a source's status, and reports a spec violation as Stalled too.
 */
@ApplicationScoped
public class SourceScheduler {

    private final Map<String, ReconcileSchedule.Requested> requested = new ConcurrentHashMap<>();

    @Inject
    FetchRequestPublisher publisher;

    /**
     * Publishes a FetchRequested when the source is due and returns when to look at it again; empty when it should not
     * be requeued (its failure stalls it until the spec changes, or its spec is invalid).
     */
    public <T extends CustomResource<?, S>, S extends SourceStatus> Optional<Duration> schedule(String kind, T source, S status,
            SpecRules<T> rules) throws Exception {
        ObjectRef ref = new ObjectRef(kind, source.getMetadata().getNamespace(), source.getMetadata().getName());
        long generation = Objects.requireNonNullElse(source.getMetadata().getGeneration(), 0L);
        FailureKind failure = SourceConditions.failure(status.conditions, status.observedGeneration, generation).orElse(null);
        Duration interval;
        try {
            interval = rules.verify(source);
        } catch (FetchFailure violation) {
            // no interval: the worker checks the spec again and writes Stalled, nothing is requeued for this generation
            interval = null;
        }
        var observed = new ReconcileSchedule.Observed(generation, requestedAt(source), failure, interval);
        var decision = ReconcileSchedule.decide(observed, requested.get(ref.key()), Instant.now());
        if (decision.due()) {
            publisher.publish(new FetchRequested(ref, decision.reason(), observed.requestedAt(), generation));
        }
        requested.put(ref.key(), decision.record());
        return decision.next().map(next -> ReconcileSchedule.jitter(next, ThreadLocalRandom.current().nextDouble()));
    }

    /** Drops what is remembered about a deleted source. */
    public void forget(String kind, String namespace, String name) {
        requested.remove(new ObjectRef(kind, namespace, name).key());
    }

    static String requestedAt(io.fabric8.kubernetes.api.model.HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Annotations.REQUESTED_AT);
    }
}
