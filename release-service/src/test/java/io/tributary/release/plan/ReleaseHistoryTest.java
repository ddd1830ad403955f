package io.tributary.release.plan;

import static io.tributary.release.plan.PlanFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm-controller {@code api/v2/snapshot_types_test.go} at tag v1.6.3 (commit 372c34e2b4a455d24ef6cbb8321c82c4533dbbd8):
 * TestSnapshots_Sort (2), TestSnapshots_Latest (2), TestSnapshots_HasBeenTested (11), TestSnapshots_Previous (5),
 * TestSnapshots_Truncate (5) and TestSnapshots_TruncateIgnoringPreviousSnapshots (3).
 *
 * <p>A hook's {@code TestHookStatus{}} (no phase) is an empty phase here, a {@code nil} one a null phase. Not ported:
 * TestSnapshot_GetAction (7 rows), a nil-safe getter of {@code Snapshot.Action}, which the release state does not read
 * and {@link Snapshot} does not carry.
 */
class ReleaseHistoryTest {

    private static Map<String, String> hooks(String... nameAndPhase) {
        Map<String, String> hooks = new HashMap<>();
        for (int i = 0; i < nameAndPhase.length; i += 2) {
            hooks.put(nameAndPhase[i], nameAndPhase[i + 1]);
        }
        return hooks;
    }

    private static List<Long> versions(ReleaseHistory history) {
        return history.snapshots().stream().map(Snapshot::version).toList();
    }

    @Test
    void sortsByDescendingVersion() {
        assertThat(versions(ReleaseHistory.of(snapshot(1, null), snapshot(3, null), snapshot(2, null)))).containsExactly(3L, 2L, 1L);
        assertThat(versions(ReleaseHistory.of(snapshot(3, null), snapshot(2, null), snapshot(1, null)))).containsExactly(3L, 2L, 1L);
    }

    @Test
    void latest() {
        assertThat(ReleaseHistory.of(snapshot(1, null), snapshot(3, null), snapshot(2, null)).latest()).contains(snapshot(3, null));
        assertThat(ReleaseHistory.EMPTY.latest()).isEmpty();
    }

    static Stream<Arguments> hasBeenTested() {
        Map<String, String> nilHook = new HashMap<>();
        nilHook.put("test1", null);
        return Stream.of(
                Arguments.of("no testhooks", snapshot(2, "deployed"), false),
                Arguments.of("empty testhooks", snapshot(2, "deployed", hooks()), true),
                Arguments.of("all testhooks are zero", snapshot(2, "deployed", hooks("test1", "")), false),
                Arguments.of("nil testhook", snapshot(2, "deployed", nilHook), false),
                Arguments.of("all testhooks succeeded", snapshot(2, "deployed", hooks("test1", "Succeeded")), true),
                Arguments.of("all testhooks failed", snapshot(2, "deployed", hooks("test1", "Failed")), true),
                Arguments.of("mixed terminal testhooks", snapshot(2, "deployed", hooks("test1", "Succeeded", "test2", "Failed")), true),
                Arguments.of("mixed failed and zero testhooks", snapshot(2, "deployed", hooks("test1", "Failed", "test2", "")), true),
                Arguments.of("mixed succeeded and zero testhooks", snapshot(2, "deployed", hooks("test1", "Succeeded", "test2", "")), false),
                Arguments.of("testhook still running", snapshot(2, "deployed", hooks("test1", "Running")), false),
                Arguments.of("testhook phase unknown", snapshot(2, "deployed", hooks("test1", "Unknown")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hasBeenTested(String name, Snapshot snapshot, boolean want) {
        assertThat(snapshot.hasBeenTested()).isEqualTo(want);
    }

    static Stream<Arguments> previous() {
        Snapshot failedTests3 = snapshot(3, "superseded", hooks("test", "Failed"));
        return Stream.of(
                Arguments.of("returns previous snapshot",
                        ReleaseHistory.of(snapshot(2, "deployed"), snapshot(3, "failed"), snapshot(1, "superseded")), false,
                        snapshot(2, "deployed")),
                Arguments.of("includes snapshots with failed tests",
                        ReleaseHistory.of(snapshot(4, "deployed"), snapshot(1, "superseded"), snapshot(2, "superseded"), failedTests3),
                        true, failedTests3),
                Arguments.of("ignores snapshots with failed tests",
                        ReleaseHistory.of(snapshot(4, "deployed"), snapshot(1, "superseded"), snapshot(2, "superseded"), failedTests3),
                        false, snapshot(2, "superseded")),
                Arguments.of("returns nil without previous snapshot", ReleaseHistory.of(snapshot(1, "deployed")), false, null),
                Arguments.of("returns nil without snapshot matching criteria", ReleaseHistory.of(snapshot(4, "deployed"), failedTests3),
                        false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void previous(String name, ReleaseHistory history, boolean ignoreTests, Snapshot want) {
        assertThat(history.previous(ignoreTests).orElse(null)).isEqualTo(want);
    }

    static Stream<Arguments> truncate() {
        Snapshot failed3 = snapshot(3, "superseded", hooks("upgrade-test-fail-podinfo-fault-test-tiz9x", "Failed",
                "upgrade-test-fail-podinfo-grpc-test-gddcw", ""));
        Snapshot passed2 = snapshot(2, "superseded", hooks("upgrade-test-fail-podinfo-grpc-test-h0tc2", "Succeeded",
                "upgrade-test-fail-podinfo-jwt-test-vzusa", "Succeeded", "upgrade-test-fail-podinfo-service-test-b647e", "Succeeded"));
        return Stream.of(
                Arguments.of("keeps previous snapshot",
                        ReleaseHistory.of(snapshot(1, "superseded"), snapshot(3, "failed"), snapshot(2, "superseded"), snapshot(4, "deployed")),
                        false, ReleaseHistory.of(snapshot(4, "deployed"), snapshot(3, "failed"), snapshot(2, "superseded"))),
                Arguments.of("ignores snapshots with failed tests", ReleaseHistory.of(snapshot(4, "deployed"), failed3, passed2), false,
                        ReleaseHistory.of(snapshot(4, "deployed"), failed3, passed2)),
                Arguments.of("keeps previous snapshot with failed tests",
                        ReleaseHistory.of(snapshot(4, "deployed"), failed3, passed2, snapshot(1, "superseded")), true,
                        ReleaseHistory.of(snapshot(4, "deployed"), failed3)),
                Arguments.of("retains most recent snapshots when all have failed",
                        ReleaseHistory.of(snapshot(6, "deployed"), snapshot(5, "failed"), snapshot(4, "failed"), snapshot(3, "failed"),
                                snapshot(2, "failed"), snapshot(1, "failed")),
                        false, ReleaseHistory.of(snapshot(6, "deployed"), snapshot(5, "failed"), snapshot(4, "failed"),
                                snapshot(3, "failed"), snapshot(2, "failed"))),
                Arguments.of("without previous snapshot", ReleaseHistory.of(snapshot(1, "deployed")), false,
                        ReleaseHistory.of(snapshot(1, "deployed"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void truncate(String name, ReleaseHistory history, boolean ignoreTests, ReleaseHistory want) {
        assertThat(history.truncated(ignoreTests)).isEqualTo(want);
    }

    static Stream<Arguments> truncateIgnoringPreviousSnapshots() {
        return Stream.of(
                Arguments.of("keeps previous snapshot",
                        ReleaseHistory.of(snapshot(1, "superseded"), snapshot(3, "failed"), snapshot(2, "superseded"), snapshot(4, "deployed")),
                        ReleaseHistory.of(snapshot(4, "deployed"), snapshot(3, "failed"), snapshot(2, "superseded"), snapshot(1, "superseded"))),
                Arguments.of("retains most recent snapshots when all have failed",
                        ReleaseHistory.of(snapshot(6, "deployed"), snapshot(5, "failed"), snapshot(4, "failed"), snapshot(3, "failed"),
                                snapshot(2, "failed"), snapshot(1, "failed")),
                        ReleaseHistory.of(snapshot(6, "deployed"), snapshot(5, "failed"), snapshot(4, "failed"), snapshot(3, "failed"),
                                snapshot(2, "failed"))),
                Arguments.of("without previous snapshot", ReleaseHistory.of(snapshot(1, "deployed")),
                        ReleaseHistory.of(snapshot(1, "deployed"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void truncateIgnoringPreviousSnapshots(String name, ReleaseHistory history, ReleaseHistory want) {
        assertThat(history.truncatedIgnoringPrevious()).isEqualTo(want);
    }
}
