package io.tributary.fetcher.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Reasons;
import io.tributary.operator.FailureKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The condition sets a source ends a reconcile with, following kstatus and Flux's reasons. */
public final class SourceConditions {

    private static final List<String> NEGATIVE = List.of(ConditionTypes.FETCH_FAILED, ConditionTypes.STORAGE_OPERATION_FAILED,
            ConditionTypes.STALLED, ConditionTypes.RECONCILING, ConditionTypes.ARTIFACT_OUTDATED, ConditionTypes.BUILD_FAILED,
            ConditionTypes.INCLUDE_UNAVAILABLE);
    /** Ready reasons of {@link FailureKind#WAITING} failures: something else has to become ready first. */
    static final Set<String> WAITING_REASONS = Set.of(Reasons.SOURCE_NOT_READY, "IncludeUnavailable");

    private SourceConditions() {
    }

    public static List<Condition> succeeded(List<Condition> current, String message, long generation) {
        List<Condition> conditions = current;
        for (String type : NEGATIVE) {
            conditions = Conditions.remove(conditions, type);
        }
        conditions = Conditions.set(conditions, ConditionTypes.ARTIFACT_IN_STORAGE, true, Reasons.SUCCEEDED, message, generation);
        return Conditions.set(conditions, ConditionTypes.READY, true, Reasons.SUCCEEDED, message, generation);
    }

    /** A new generation (or a first artifact) is being built: Reconciling=True, as kstatus expects. */
    public static List<Condition> progressing(List<Condition> current, String message, long generation) {
        return Conditions.set(current, ConditionTypes.RECONCILING, true, Reasons.PROGRESSING, message, generation);
    }

    /** Whether this fetch builds something the status does not show yet. */
    public static boolean isNewWork(Long observedGeneration, long generation, Object artifact) {
        return artifact == null || observedGeneration == null || observedGeneration != generation;
    }

    /**
     * A failed fetch: the negative-polarity type that fits (if any) and Ready=False; Stalled=True when only a spec
     * change can help, otherwise Reconciling=True with ProgressingWithRetry, as Flux's summary writes it.
     */
    public static List<Condition> failed(List<Condition> current, String failureType, String reason, String message,
            FailureKind kind, long generation) {
        List<Condition> conditions = current;
        if (failureType != null) {
            conditions = Conditions.set(conditions, failureType, true, reason, message, generation);
        }
        if (kind == FailureKind.STALLING) {
            conditions = Conditions.remove(conditions, ConditionTypes.RECONCILING);
            conditions = Conditions.set(conditions, ConditionTypes.STALLED, true, reason, message, generation);
        } else {
            conditions = Conditions.remove(conditions, ConditionTypes.STALLED);
            conditions = Conditions.set(conditions, ConditionTypes.RECONCILING, true, Reasons.PROGRESSING_WITH_RETRY, message, generation);
        }
        return Conditions.set(conditions, ConditionTypes.READY, false, reason, message, generation);
    }

    /** The kind of the failure the status shows for {@code generation}, if the last fetch of it failed. */
    public static Optional<FailureKind> failure(List<Condition> conditions, Long observedGeneration, long generation) {
        if (!Objects.equals(observedGeneration, generation)) {
            return Optional.empty();
        }
        Optional<Condition> ready = Conditions.find(conditions, ConditionTypes.READY).filter(c -> "False".equals(c.getStatus()));
        if (ready.isEmpty()) {
            return Optional.empty();
        }
        if (Conditions.isTrue(conditions, ConditionTypes.STALLED)) {
            return Optional.of(FailureKind.STALLING);
        }
        return Optional.of(WAITING_REASONS.contains(ready.get().getReason()) ? FailureKind.WAITING : FailureKind.RETRYABLE);
    }
}
