package io.tributary.release.plan;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import java.util.List;

/** The conditions the planner reads: whether Ready, Released and Remediated are True, and Released's reason. */
public record ConditionsView(boolean ready, boolean released, String releasedReason, boolean remediated) {

    public static final ConditionsView NONE = new ConditionsView(false, false, null, false);

    public static ConditionsView of(List<Condition> conditions) {
        return new ConditionsView(Conditions.isTrue(conditions, ConditionTypes.READY),
                Conditions.isTrue(conditions, ConditionTypes.RELEASED),
                Conditions.find(conditions, ConditionTypes.RELEASED).map(Condition::getReason).orElse(null),
                Conditions.isTrue(conditions, ConditionTypes.REMEDIATED));
    }

    ConditionsView withReleased(boolean status, String reason) {
        return new ConditionsView(ready, status, reason, remediated);
    }

    ConditionsView withoutRemediated() {
        return new ConditionsView(ready, released, releasedReason, false);
    }
}
