package io.tributary.api.meta;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** kstatus condition helpers: {@code lastTransitionTime} changes only when a condition's status changes. */
public final class Conditions {

    private Conditions() {
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /**
     * Returns a copy of {@code conditions} with {@code type} set; keeps the old transition time if status is unchanged.
     * A null message is stored as "" since {@code metav1.Condition} requires the field.
     */
    public static List<Condition> set(List<Condition> conditions, String type, boolean status, String reason,
            String message, Long observedGeneration) {
        return put(conditions, type, status ? "True" : "False", reason, message, observedGeneration);
    }

    /** As {@link #set}, with status {@code Unknown}: the outcome is not known yet (an action is running). */
    public static List<Condition> setUnknown(List<Condition> conditions, String type, String reason, String message,
            Long observedGeneration) {
        return put(conditions, type, "Unknown", reason, message, observedGeneration);
    }

    private static List<Condition> put(List<Condition> conditions, String type, String value, String reason, String message,
            Long observedGeneration) {
        List<Condition> result = new ArrayList<>(conditions == null ? List.of() : conditions);
        Optional<Condition> previous = find(result, type);
        String transition = previous.filter(c -> value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Condition condition = new Condition(transition, message == null ? "" : message, observedGeneration, reason, value, type);
        previous.ifPresentOrElse(p -> result.set(result.indexOf(p), condition), () -> result.add(condition));
        return result;
    }

    /** Returns a copy of {@code conditions} without {@code type}; used for negative-polarity types once resolved. */
    public static List<Condition> remove(List<Condition> conditions, String type) {
        List<Condition> result = new ArrayList<>(conditions == null ? List.of() : conditions);
        result.removeIf(c -> type.equals(c.getType()));
        return result;
    }
}
