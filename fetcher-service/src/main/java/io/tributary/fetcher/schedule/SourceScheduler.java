package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.events.FetchRequested;
import io.tributary.events.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Keeps what was last requested per source and turns a reconcile into a FetchRequested when due. */
@ApplicationScoped
public class SourceScheduler {

    private final Map<String, ReconcileSchedule.Requested> requested = new ConcurrentHashMap<>();

    @Inject
    FetchRequestPublisher publisher;

    /** Publishes a request if due and returns the delay until the object should be looked at again. */
    public Duration schedule(String kind, HasMetadata object, List<Condition> conditions, Long observedGeneration,
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

    static String requestedAt(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Annotations.REQUESTED_AT);
    }
}
