package io.tributary.release.action;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Conditions;
import io.tributary.release.plan.FailureCounters;

/** Small, shared changes actions make to status. */
final class StatusEdits {

    private StatusEdits() {
    }

    static void mark(ReleaseRequest req, String type, boolean value, String reason, String message) {
        req.status().conditions = Conditions.set(req.status().conditions, type, value, reason, message, req.generation());
    }

    static void markUnknown(ReleaseRequest req, String type, String reason, String message) {
        var conditions = Conditions.set(req.status().conditions, type, false, reason, message, req.generation());
        conditions.stream().filter(c -> type.equals(c.getType())).forEach(c -> c.setStatus("Unknown"));
        req.status().conditions = conditions;
    }

    static void delete(ReleaseRequest req, String type) {
        req.status().conditions = Conditions.remove(req.status().conditions, type);
    }

    static void counters(HelmReleaseStatus status, FailureCounters counters) {
        status.failures = counters.failures() == 0 ? null : counters.failures();
        status.installFailures = counters.installFailures() == 0 ? null : counters.installFailures();
        status.upgradeFailures = counters.upgradeFailures() == 0 ? null : counters.upgradeFailures();
    }
}
