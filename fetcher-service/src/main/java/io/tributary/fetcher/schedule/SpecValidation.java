package io.tributary.fetcher.schedule;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import java.util.List;
import java.util.Objects;

/** Whether a stalled status for a spec error is already recorded, so the reconciler writes it only once. */
public final class SpecValidation {

    private SpecValidation() {
    }

    public static boolean alreadyStalled(List<Condition> conditions, Long observedGeneration, long generation, String message) {
        return Objects.equals(observedGeneration, generation)
                && Conditions.find(conditions, ConditionTypes.STALLED)
                        .map(c -> "True".equals(c.getStatus()) && Objects.equals(c.getMessage(), message)).orElse(false);
    }
}
