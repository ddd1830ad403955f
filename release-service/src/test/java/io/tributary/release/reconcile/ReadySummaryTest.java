package io.tributary.release.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Conditions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * helm-controller's {@code summarize} (internal/reconcile/release.go at v1.6.3), after release_test.go Test_summarize:
 * conditions present (type=status/reason), whether tests count, the Ready expected.
 */
class ReadySummaryTest {

    @ParameterizedTest(name = "{0} test={1} ignore={2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Released=True/InstallSucceeded                                               | false | false | True/InstallSucceeded
            Released=False/InstallFailed                                                 | false | false | False/InstallFailed
            Released=True/UpgradeSucceeded,Remediated=True/RollbackSucceeded             | false | false | False/RollbackSucceeded
            Released=False/UpgradeFailed,Remediated=False/RollbackFailed                 | false | false | False/RollbackFailed
            Released=True/InstallSucceeded,TestSuccess=False/TestFailed                  | true  | false | False/TestFailed
            Released=True/InstallSucceeded,TestSuccess=False/TestFailed                  | true  | true  | True/InstallSucceeded
            Released=True/InstallSucceeded,TestSuccess=True/TestSucceeded                | true  | false | True/TestSucceeded
            Released=True/InstallSucceeded,TestSuccess=False/TestFailed                  | false | false | True/InstallSucceeded
            Released=False/UninstallSucceeded                                            | false | false | False/UninstallSucceeded
            """)
    void readyFollowsTheFirstPresent(String present, boolean test, boolean ignore, String expected) {
        HelmReleaseStatus status = new HelmReleaseStatus();
        for (String c : present.split(",")) {
            String[] typeRest = c.split("=");
            String[] statusReason = typeRest[1].split("/");
            status.conditions = Conditions.set(status.conditions, typeRest[0], "True".equals(statusReason[0]), statusReason[1], "m", 1L);
        }
        ReadySummary.apply(status, test, ignore, 2);
        var ready = Conditions.find(status.conditions, "Ready").orElseThrow();
        assertThat(ready.getStatus() + "/" + ready.getReason()).isEqualTo(expected);
        assertThat(ready.getObservedGeneration()).isEqualTo(2L);
        if (!test) {
            assertThat(Conditions.find(status.conditions, "TestSuccess")).isEmpty();
        }
    }
}
