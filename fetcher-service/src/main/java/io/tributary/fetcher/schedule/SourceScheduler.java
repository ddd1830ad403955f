package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.SourceStatus;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.operator.StatusWriter;
import io.tributary.events.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Keeps what was last requested per source and turns a reconcile into a FetchRequested when due. */
@ApplicationScoped
public class SourceScheduler {

    private final Map<String, ReconcileSchedule.Requested> requested = new ConcurrentHashMap<>();

    @Inject
    FetchRequestPublisher publisher;
    @Inject
    StatusWriter statusWriter;

    /** Checks a source's spec and returns its interval; throws IllegalArgumentException naming the field. */
    @FunctionalInterface
    public interface SpecCheck {
        Duration interval();
    }

    /**
     * The scheduler's whole reconcile for a source: a spec error is written once as Stalled with
     * {@code failureType}/{@code reason} and nothing is scheduled (empty); otherwise a FetchRequested is published
     * when due, and the delay until the next look is returned.
     */
    public <T extends CustomResource<?, S>, S extends SourceStatus> Optional<Duration> scheduleValid(String kind, T source,
            S status, SpecCheck check, String failureType, String reason) throws Exception {
        long generation = Objects.requireNonNullElse(source.getMetadata().getGeneration(), 0L);
        Duration interval;
        try {
            interval = check.interval();
        } catch (IllegalArgumentException invalid) {
            if (!SpecValidation.alreadyStalled(status.conditions, status.observedGeneration, generation, invalid.getMessage())) {
                status.conditions = SourceConditions.failed(status.conditions, failureType, reason, invalid.getMessage(), true, generation);
                status.observedGeneration = generation;
                statusWriter.write(sourceClass(source), source.getMetadata().getNamespace(), source.getMetadata().getName(), status);
            }
            return Optional.empty();
        }
        return Optional.of(schedule(kind, source, status.conditions, status.observedGeneration, interval));
    }

    @SuppressWarnings("unchecked")
    private static <T extends CustomResource<?, S>, S> Class<T> sourceClass(T source) {
        return (Class<T>) source.getClass();
    }

    /** Publishes a request if due and returns the delay until the object should be looked at again. */
    Duration schedule(String kind, HasMetadata object, List<Condition> conditions, Long observedGeneration,
            Duration interval) throws Exception {
        ObjectRef ref = new ObjectRef(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
        long generation = object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration();
        boolean failing = observedGeneration != null && observedGeneration == generation
                && Conditions.find(conditions, ConditionTypes.READY).map(c -> "False".equals(c.getStatus())).orElse(false);
        var observed = new ReconcileSchedule.Observed(generation, requestedAt(object), failing, interval);
        var decision = ReconcileSchedule.decide(observed, requested.get(ref.key()), Instant.now());
        if (decision.due()) {
            publisher.publish(new FetchRequested(ref, decision.reason(), observed.requestedAt(), generation));
            requested.put(ref.key(), decision.record());
        }
        return ReconcileSchedule.jitter(decision.next(), ThreadLocalRandom.current().nextDouble());
    }

    /** Drops what is remembered about a deleted source. */
    public void forget(String kind, String namespace, String name) {
        requested.remove(new ObjectRef(kind, namespace, name).key());
    }

    static String requestedAt(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Annotations.REQUESTED_AT);
    }
}
