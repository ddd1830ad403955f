package io.tributary.fetcher.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Reasons;
import java.util.List;

/** The condition sets a source ends a reconcile with, following kstatus and Flux's reasons. */
public final class SourceConditions {

    private static final List<String> NEGATIVE = List.of(ConditionTypes.FETCH_FAILED, ConditionTypes.STORAGE_OPERATION_FAILED,
            ConditionTypes.STALLED, ConditionTypes.RECONCILING, ConditionTypes.ARTIFACT_OUTDATED, ConditionTypes.BUILD_FAILED,
            ConditionTypes.INCLUDE_UNAVAILABLE);

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

    /** A failed fetch: the negative-polarity type that fits (if any), Ready=False, Stalled when retrying cannot help. */
    public static List<Condition> failed(List<Condition> current, String failureType, String reason, String message,
            boolean stalling, long generation) {
        List<Condition> conditions = Conditions.remove(current, ConditionTypes.RECONCILING);
        if (failureType != null) {
            conditions = Conditions.set(conditions, failureType, true, reason, message, generation);
        }
        conditions = stalling
                ? Conditions.set(conditions, ConditionTypes.STALLED, true, reason, message, generation)
                : Conditions.remove(conditions, ConditionTypes.STALLED);
        return Conditions.set(conditions, ConditionTypes.READY, false, reason, message, generation);
    }
}
