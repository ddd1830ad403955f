package io.tributary.release.action;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.release.plan.Snapshot;
import java.time.Duration;

/** What install and upgrade share in recording their outcome. */
final class Outcomes {

    static final String AWAITING_TESTS = "AwaitingTests";

    private Outcomes() {
    }

    /** TestSuccess=Unknown while an enabled test has not run for the new release. */
    static void awaitTests(ReleaseRequest req, Snapshot cur) {
        if (req.options().testEnabled() && !cur.hasBeenTested()) {
            StatusEdits.markUnknown(req, ConditionTypes.TEST_SUCCESS, AWAITING_TESTS, "Helm release " + cur.fullReleaseName()
                    + " with chart " + cur.versionedChartName() + " is awaiting tests");
        }
    }

    /** A duration as Kubernetes prints a metav1.Duration, e.g. {@code 1.52s}. */
    static String duration(long startedNanos) {
        Duration d = Duration.ofNanos(System.nanoTime() - startedNanos);
        return d.toMillis() < 1000 ? d.toMillis() + "ms"
                : java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }
}
