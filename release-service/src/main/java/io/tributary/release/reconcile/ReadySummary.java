package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import java.util.ArrayList;
import java.util.List;

/**
 * helm-controller's {@code summarize}: Ready takes the status, reason and message of the first of Remediated,
 * TestSuccess (when tests count) and Released present; a Remediated condition always makes Ready False. Pure.
 */
public final class ReadySummary {

    private ReadySummary() {
    }

    public static void apply(HelmReleaseStatus status, boolean testEnabled, boolean testIgnoreFailures, long generation) {
        List<String> order = testEnabled && !testIgnoreFailures
                ? List.of(ConditionTypes.REMEDIATED, ConditionTypes.TEST_SUCCESS, ConditionTypes.RELEASED)
                : List.of(ConditionTypes.REMEDIATED, ConditionTypes.RELEASED);
        if (!testEnabled) {
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.TEST_SUCCESS);
        }
        List<Condition> conditions = status.conditions == null ? List.of() : status.conditions;
        Condition first = null;
        for (String type : order) {
            first = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
            if (first != null) {
                break;
            }
        }
        if (first == null) {
            return;
        }
        boolean ready = "True".equals(first.getStatus()) && !ConditionTypes.REMEDIATED.equals(first.getType());
        if (ready) {
            status.conditions = Conditions.remove(status.conditions, ConditionTypes.STALLED);
        }
        List<Condition> updated = Conditions.set(status.conditions, ConditionTypes.READY, ready, first.getReason(), first.getMessage(),
                generation);
        if ("Unknown".equals(first.getStatus())) {
            updated.stream().filter(c -> ConditionTypes.READY.equals(c.getType())).forEach(c -> c.setStatus("Unknown"));
        }
        status.conditions = new ArrayList<>(updated);
    }
}
