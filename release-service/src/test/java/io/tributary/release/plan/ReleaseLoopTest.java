package io.tributary.release.plan;

import static io.tributary.release.plan.PlanFixtures.CHART;
import static io.tributary.release.plan.PlanFixtures.DESIRED;
import static io.tributary.release.plan.PlanFixtures.VALUES_EMPTY;
import static io.tributary.release.plan.PlanFixtures.VALUES_FOO_BAR;
import static io.tributary.release.plan.PlanFixtures.VALUES_MOCK;
import static io.tributary.release.plan.PlanFixtures.observed;
import static io.tributary.release.plan.PlanFixtures.release;
import static io.tributary.release.plan.PlanFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.ReleaseAction.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reconcile loop of helm-controller's {@code AtomicRelease.Reconcile}, driven through {@link ReleaseStates} and
 * {@link ReleasePlanner} against a fake Helm: the rows of {@code internal/reconcile/atomic_release_test.go} at tag v1.6.3
 * (commit 372c34e2b4a455d24ef6cbb8321c82c4533dbbd8) TestAtomicRelease_Reconcile_Scenarios (29),
 * TestAtomicRelease_Reconcile_PostRenderers_Scenarios (4) and TestAtomicRelease_Reconcile_CommonMetadata_Scenarios (4).
 *
 * <p>Upstream runs real charts (a failing hook, a failing test hook) through Helm against a test API server. Here
 * {@link FakeHelm} stands in: it writes releases to storage and records snapshots the way helm-controller's
 * observers do ({@code recordOnObject}, {@code observeRollback}, {@code observeUninstall}, {@code observeUnlock},
 * {@code observeTest}), and moves the counters with {@link FailureCounters}. So these rows check the loop rules and the
 * planner's choices; what Helm itself does to storage is the fake's model of it. Each row asserts upstream's
 * {@code wantErr} (ErrExceededMaxRetries and ErrMissingRollbackTarget as Stalled, ErrMustRequeue as Requeue,
 * ErrRetryAfterInterval as RetryAfter, nil as Done), upstream's {@code expectHistory} as version:status (the action
 * reconcilers' snapshot {@code action} tags are not modelled), and the actions run, which upstream does not assert.
 */
class ReleaseLoopTest {

    private static final String PR1 = sha256("postRenderers");
    private static final String PR2 = sha256("postRenderers2");
    private static final String CM1 = sha256("commonMetadata");
    private static final String CM2 = sha256("commonMetadata2");

    /** Helm, as far as the loop needs it: storage, the status snapshots its actions leave, and charts that fail. */
    static final class FakeHelm {
        final List<StoredRelease> stored = new ArrayList<>();
        ReleaseStatusView status = ReleaseStatusView.EMPTY;
        ReleaseOptions options = ReleaseOptions.defaults();
        DesiredRelease desired = DESIRED.withValuesDigest(VALUES_EMPTY);
        long generation;
        boolean failingHook;
        boolean failingTest;
        boolean keepHistory;
        final List<ReleaseAction> ran = new ArrayList<>();

        void store(StoredRelease... releases) {
            stored.addAll(List.of(releases));
        }

        void history(Snapshot... snapshots) {
            status = status.withHistory(snapshots);
        }

        /** One reconcile, as AtomicRelease.Reconcile: state, plan, run, until the planner ends it. */
        Plan reconcile() {
            List<ReleaseAction> previous = new ArrayList<>();
            for (int turn = 0; turn < 10; turn++) {
                ReleaseState state = ReleaseStates.of(view(), status, desired, options, generation, false);
                Plan plan = ReleasePlanner.next(state, options, status, view(), previous, false);
                if (plan.changes().history() != null) {
                    status = status.withHistory(plan.changes().history());
                }
                if (!(plan instanceof Plan.Run)) {
                    if (plan instanceof Plan.Done) {
                        summarize();
                    }
                    return plan;
                }
                ran.add(plan.action());
                run(plan.action());
                summarize();
                Optional<Plan> after = ReleasePlanner.afterRun(plan.action(), options, status);
                if (after.isPresent()) {
                    return after.get();
                }
                previous.add(plan.action());
            }
            throw new AssertionError("the loop did not end: " + ran);
        }

        /** helm-controller's summarize records the digests of the spec fields that were rendered with. */
        private void summarize() {
            status = status.withObserved(status.observedGeneration(), desired.postRenderersDigest(), desired.commonMetadataDigest());
        }

        ReleaseStorageView view() {
            return new ReleaseStorageView(stored);
        }

        private void run(ReleaseAction action) {
            switch (action) {
                case INSTALL -> install();
                case UPGRADE -> upgrade();
                case TEST -> test();
                case ROLLBACK_REMEDIATION -> rollback();
                case UNINSTALL_REMEDIATION -> uninstall();
                case UNLOCK -> unlock();
                default -> throw new AssertionError("not planned by these rows: " + action);
            }
        }

        private void install() {
            status = status.withLastAttempted("install").withHistory(ReleaseHistory.EMPTY);
            StoredRelease made = release(nextVersion(), failingHook ? HelmStatus.FAILED : HelmStatus.DEPLOYED, desired.chartName(),
                    desired.chartVersion(), desired.valuesDigest());
            stored.add(made);
            prepend(observed(made));
            released(ReleaseAction.INSTALL, options.install());
        }

        private void upgrade() {
            status = status.withLastAttempted("upgrade");
            Optional<StoredRelease> current = stored.stream().filter(r -> r.status() == HelmStatus.DEPLOYED)
                    .max(Comparator.comparingInt(StoredRelease::version));
            StoredRelease made = release(nextVersion(), failingHook ? HelmStatus.FAILED : HelmStatus.DEPLOYED, desired.chartName(),
                    desired.chartVersion(), desired.valuesDigest());
            stored.add(made);
            prepend(observed(made));
            if (!failingHook && current.isPresent()) {
                // recordOnObject: the newest observed release is prepended, the superseded one updated in place
                replace(restatus(current.get(), HelmStatus.SUPERSEDED), true);
            }
            released(ReleaseAction.UPGRADE, options.upgrade());
        }

        private void released(ReleaseAction action, ReleaseOptions.ActionPolicy policy) {
            status = status.withCounters(failingHook
                    ? status.counters().afterReleaseFailure(action, true)
                    : status.counters().afterReleaseSuccess(policy.retry().isPresent()));
        }

        private void test() {
            Snapshot latest = status.history().latest().orElseThrow();
            List<Snapshot> snapshots = new ArrayList<>(status.history().snapshots());
            snapshots.set(0, latest.withTestHooks(Map.of("test", failingTest ? Snapshot.PHASE_FAILED : Snapshot.PHASE_SUCCEEDED)));
            status = status.withHistory(new ReleaseHistory(snapshots));
            if (failingTest) {
                status = status.withCounters(status.counters().afterTestFailure(
                        options.activeRemediation(status.lastAttemptedReleaseAction()), options.testIgnoreFailures(), true));
            }
        }

        private void rollback() {
            boolean ignore = options.upgrade().remediation().mustIgnoreTestFailures(options.testIgnoreFailures());
            Snapshot target = status.history().previous(ignore).orElseThrow();
            StoredRelease from = view().version(target.name(), target.version()).orElseThrow();
            StoredRelease latest = view().latest().orElseThrow();
            // Helm supersedes the release rolled back from and any still deployed
            for (StoredRelease r : List.copyOf(stored)) {
                if (r.status() == HelmStatus.DEPLOYED || r.version() == latest.version()) {
                    replace(restatus(r, HelmStatus.SUPERSEDED), true);
                }
            }
            StoredRelease made = release(nextVersion(), HelmStatus.DEPLOYED, from.chartName(), from.chartVersion(), from.configDigest());
            stored.add(made);
            prepend(observed(made));
        }

        private void uninstall() {
            StoredRelease latest = view().latest().orElseThrow();
            StoredRelease uninstalled = restatus(latest, HelmStatus.UNINSTALLED);
            replace(uninstalled, true);
            if (!keepHistory) {
                stored.clear();
            }
        }

        private void unlock() {
            replace(restatus(view().latest().orElseThrow(), HelmStatus.FAILED), false);
        }

        private int nextVersion() {
            return stored.stream().mapToInt(StoredRelease::version).max().orElse(0) + 1;
        }

        private static StoredRelease restatus(StoredRelease r, HelmStatus newStatus) {
            return release(r.version(), newStatus, r.chartName(), r.chartVersion(), r.configDigest());
        }

        private void prepend(Snapshot snapshot) {
            List<Snapshot> snapshots = new ArrayList<>(status.history().snapshots());
            snapshots.add(0, snapshot);
            status = status.withHistory(new ReleaseHistory(snapshots));
        }

        /** Stores {@code changed} and updates the snapshot of its version, if the history has one. */
        private void replace(StoredRelease changed, boolean keepHooks) {
            stored.replaceAll(r -> r.version() == changed.version() ? changed : r);
            List<Snapshot> snapshots = new ArrayList<>(status.history().snapshots());
            snapshots.replaceAll(s -> s.version() == changed.version()
                    ? observed(changed).withTestHooks(keepHooks ? s.testHooks() : null) : s);
            status = status.withHistory(new ReleaseHistory(snapshots));
        }

        List<String> historyText() {
            return status.history().snapshots().stream().map(s -> s.version() + ":" + s.status()
                    + (s.testHooks() == null ? "" : "+tested")).toList();
        }
    }

    record Row(Consumer<FakeHelm> setup, Class<? extends Plan> outcome, String reason, List<ReleaseAction> actions,
            List<String> history) {
    }

    private static Row row(Consumer<FakeHelm> setup, Class<? extends Plan> outcome, String reason, List<ReleaseAction> actions,
            String... history) {
        return new Row(setup, outcome, reason, actions, history.length == 0 ? null : List.of(history));
    }

    private static final Class<? extends Plan> DONE = Plan.Done.class;
    private static final Class<? extends Plan> STALLED = Plan.Stalled.class;
    private static final Class<? extends Plan> RETRY = Plan.RetryAfter.class;
    private static final ReleaseAction INSTALL = ReleaseAction.INSTALL;
    private static final ReleaseAction UPGRADE = ReleaseAction.UPGRADE;
    private static final ReleaseAction TEST = ReleaseAction.TEST;
    private static final ReleaseAction ROLLBACK = ReleaseAction.ROLLBACK_REMEDIATION;
    private static final ReleaseAction UNINSTALL = ReleaseAction.UNINSTALL_REMEDIATION;
    private static final ReleaseAction UNLOCK = ReleaseAction.UNLOCK;

    private static StoredRelease r(int version, HelmStatus status, String config) {
        return release(version, status, config);
    }

    private static Consumer<FakeHelm> deployedV1(Consumer<FakeHelm> more) {
        return h -> {
            StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_MOCK);
            h.store(v1);
            h.history(observed(v1));
            more.accept(h);
        };
    }

    static Stream<Arguments> scenarios() {
        Consumer<FakeHelm> failingHook = h -> h.failingHook = true;
        Consumer<FakeHelm> failingTest = h -> h.failingTest = true;
        Consumer<FakeHelm> remediateLastInstall = h -> {
            h.options = h.options.withInstall(Remediation.install(0).withRemediateLastFailure(true), null);
            h.keepHistory = true;
        };
        Consumer<FakeHelm> retryInstall = h -> {
            h.options = h.options.withInstall(Remediation.install(0), Duration.ofMinutes(1));
            h.keepHistory = true;
        };
        Consumer<FakeHelm> remediateLastUpgrade = h -> h.options = h.options.withUpgrade(Remediation.upgrade(0)
                .withRemediateLastFailure(true), null);
        Consumer<FakeHelm> retryUpgrade = h -> h.options = h.options.withUpgrade(Remediation.upgrade(0), Duration.ofMinutes(1));
        Consumer<FakeHelm> tests = h -> h.options = h.options.withTest(true, false);
        Consumer<FakeHelm> testsIgnored = h -> h.options = h.options.withTest(true, true);
        return Stream.of(
                Arguments.of("release is in-sync", row(h -> {
                    StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_EMPTY);
                    h.store(v1);
                    h.history(observed(v1));
                }, DONE, null, List.of(), "1:deployed")),
                Arguments.of("release is out-of-sync (chart)", row(h -> {
                    StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_EMPTY);
                    h.store(v1);
                    h.history(observed(v1));
                    h.desired = h.desired.withChart(CHART, "0.2.0");
                }, DONE, null, List.of(UPGRADE), "2:deployed", "1:superseded")),
                Arguments.of("release is out-of-sync (values)", row(h -> {
                    StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_FOO_BAR);
                    h.store(v1);
                    h.history(observed(v1));
                    h.desired = h.desired.withValuesDigest(sha256("foo: baz\n"));
                }, DONE, null, List.of(UPGRADE), "2:deployed", "1:superseded")),
                Arguments.of("release is locked (pending-install)", row(h -> h.store(r(1, HelmStatus.PENDING_INSTALL, VALUES_EMPTY)),
                        DONE, null, List.of(UNLOCK, UPGRADE), "2:deployed")),
                Arguments.of("release is locked (pending-upgrade)", row(h -> {
                    StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_EMPTY);
                    h.store(v1, r(2, HelmStatus.PENDING_UPGRADE, VALUES_EMPTY));
                    h.history(observed(v1));
                }, DONE, null, List.of(UNLOCK, UPGRADE), "3:deployed")),
                Arguments.of("release is locked (pending-rollback)", row(h -> {
                    StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_EMPTY);
                    StoredRelease v2 = r(2, HelmStatus.FAILED, VALUES_EMPTY);
                    h.store(v1, v2, r(3, HelmStatus.PENDING_ROLLBACK, VALUES_EMPTY));
                    h.history(observed(v2), observed(v1));
                }, DONE, null, List.of(UNLOCK, UPGRADE), "4:deployed")),
                Arguments.of("release is not installed", row(h -> { }, DONE, null, List.of(INSTALL), "1:deployed")),
                Arguments.of("release exists but is not managed", row(h -> h.store(r(1, HelmStatus.DEPLOYED, VALUES_MOCK)), DONE, null,
                        List.of(UPGRADE), "2:deployed")),
                Arguments.of("release was upgraded outside of the reconciler", row(h -> {
                    StoredRelease v2 = r(2, HelmStatus.SUPERSEDED, VALUES_MOCK);
                    h.store(r(3, HelmStatus.DEPLOYED, VALUES_MOCK), v2, r(1, HelmStatus.SUPERSEDED, VALUES_MOCK));
                    h.history(observed(r(2, HelmStatus.DEPLOYED, VALUES_MOCK)));
                }, DONE, null, List.of(UPGRADE), "4:deployed")),
                Arguments.of("release was rolled back outside of the reconciler", row(h -> {
                    h.store(r(3, HelmStatus.DEPLOYED, VALUES_MOCK), r(2, HelmStatus.SUPERSEDED, VALUES_MOCK),
                            r(1, HelmStatus.SUPERSEDED, VALUES_MOCK));
                    h.history(observed(r(2, HelmStatus.FAILED, VALUES_MOCK)));
                }, DONE, null, List.of(UPGRADE), "4:deployed")),
                Arguments.of("release was deleted outside of the reconciler", row(h -> h.history(observed(r(1, HelmStatus.DEPLOYED,
                        VALUES_MOCK))), DONE, null, List.of(INSTALL), "1:deployed")),
                Arguments.of("part of the release history was deleted outside of the reconciler", row(h -> {
                    StoredRelease v2 = r(2, HelmStatus.SUPERSEDED, VALUES_MOCK);
                    h.store(r(1, HelmStatus.SUPERSEDED, VALUES_MOCK), v2, r(3, HelmStatus.DEPLOYED, VALUES_MOCK));
                    h.history(observed(r(4, HelmStatus.FAILED, VALUES_MOCK)), observed(v2));
                }, DONE, null, List.of(UPGRADE), "4:deployed")),
                Arguments.of("install failure", row(failingHook, STALLED, Reasons.RETRIES_EXCEEDED, List.of(INSTALL), "1:failed")),
                Arguments.of("install failure with remediation", row(failingHook.andThen(remediateLastInstall), STALLED,
                        Reasons.RETRIES_EXCEEDED, List.of(INSTALL, UNINSTALL), "1:uninstalled")),
                Arguments.of("install failure with retry", row(failingHook.andThen(retryInstall), RETRY, null, List.of(INSTALL),
                        "1:failed")),
                Arguments.of("install test failure with remediation", row(failingTest.andThen(remediateLastInstall).andThen(tests),
                        STALLED, Reasons.RETRIES_EXCEEDED, List.of(INSTALL, TEST, UNINSTALL), "1:uninstalled+tested")),
                Arguments.of("install test failure with retry", row(failingTest.andThen(retryInstall).andThen(tests), RETRY, null,
                        List.of(INSTALL, TEST), "1:deployed+tested")),
                Arguments.of("install test failure with test ignore", row(failingTest.andThen(testsIgnored), DONE, null,
                        List.of(INSTALL, TEST), "1:deployed+tested")),
                Arguments.of("install with exhausted retries after remediation", row(h -> {
                    h.history(observed(r(1, HelmStatus.UNINSTALLING, VALUES_MOCK)));
                    h.status = h.status.withLastAttempted("install").withCounters(new FailureCounters(1, 1, 0));
                }, STALLED, Reasons.RETRIES_EXCEEDED, List.of())),
                Arguments.of("upgrade failure", row(deployedV1(failingHook), STALLED, Reasons.RETRIES_EXCEEDED, List.of(UPGRADE),
                        "2:failed", "1:deployed")),
                Arguments.of("upgrade failure with rollback remediation", row(deployedV1(failingHook.andThen(remediateLastUpgrade)),
                        STALLED, Reasons.RETRIES_EXCEEDED, List.of(UPGRADE, ROLLBACK), "3:deployed", "2:superseded", "1:superseded")),
                Arguments.of("upgrade failure with uninstall remediation", row(deployedV1(failingHook.andThen(h -> {
                    h.options = h.options.withUpgrade(Remediation.upgrade(0).withStrategy(Remediation.UNINSTALL)
                            .withRemediateLastFailure(true), null);
                    h.keepHistory = true;
                })), Plan.Requeue.class, null, List.of(UPGRADE, UNINSTALL), "2:uninstalled", "1:deployed")),
                Arguments.of("upgrade failure with retry", row(deployedV1(failingHook.andThen(retryUpgrade)), RETRY, null,
                        List.of(UPGRADE), "2:failed", "1:deployed")),
                Arguments.of("upgrade test failure with remediation", row(deployedV1(failingTest.andThen(remediateLastUpgrade)
                        .andThen(tests)), STALLED, Reasons.RETRIES_EXCEEDED, List.of(UPGRADE, TEST, ROLLBACK),
                        "3:deployed", "2:superseded+tested", "1:superseded")),
                Arguments.of("upgrade test failure with retry", row(deployedV1(failingTest.andThen(retryUpgrade).andThen(tests)), RETRY,
                        null, List.of(UPGRADE, TEST), "2:deployed+tested", "1:superseded")),
                Arguments.of("upgrade test failure with test ignore", row(deployedV1(failingTest.andThen(testsIgnored)), DONE, null,
                        List.of(UPGRADE, TEST), "2:deployed+tested", "1:superseded")),
                Arguments.of("upgrade with exhausted retries after remediation", row(h -> {
                    StoredRelease v1 = r(1, HelmStatus.SUPERSEDED, VALUES_MOCK);
                    StoredRelease v2 = r(2, HelmStatus.SUPERSEDED, VALUES_MOCK);
                    StoredRelease v3 = r(3, HelmStatus.DEPLOYED, VALUES_MOCK);
                    h.store(v1, v2, v3);
                    h.history(observed(v3), observed(v2), observed(v1));
                    h.status = h.status.withLastAttempted("upgrade").withCounters(new FailureCounters(1, 0, 1));
                }, STALLED, Reasons.RETRIES_EXCEEDED, List.of(), "3:deployed", "2:superseded", "1:superseded")),
                Arguments.of("upgrade remediation results in exhausted retries", row(failedV3(h -> h.options = h.options.withUpgrade(
                        Remediation.upgrade(1), null)), STALLED, Reasons.RETRIES_EXCEEDED, List.of(ROLLBACK))),
                Arguments.of("upgrade retry does not result in exhausted retries", row(failedV3(retryUpgrade), DONE, null,
                        List.of(UPGRADE))));
    }

    private static Consumer<FakeHelm> failedV3(Consumer<FakeHelm> more) {
        return h -> {
            StoredRelease v1 = r(1, HelmStatus.SUPERSEDED, VALUES_MOCK);
            StoredRelease v2 = r(2, HelmStatus.SUPERSEDED, VALUES_MOCK);
            StoredRelease v3 = r(3, HelmStatus.FAILED, VALUES_MOCK);
            h.store(v1, v2, v3);
            h.history(observed(v3), observed(v2), observed(v1));
            h.status = h.status.withLastAttempted("upgrade").withCounters(new FailureCounters(2, 0, 2));
            more.accept(h);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void scenarios(String name, Row row) {
        FakeHelm helm = new FakeHelm();
        row.setup().accept(helm);
        Plan end = helm.reconcile();
        assertThat(end).isInstanceOf(row.outcome());
        if (end instanceof Plan.Stalled stalled) {
            assertThat(stalled.reason()).isEqualTo(row.reason());
        }
        assertThat(helm.ran).isEqualTo(row.actions());
        if (row.history() != null) {
            assertThat(helm.historyText()).isEqualTo(row.history());
        }
        // the clean release strategy: never two actions of one type, nothing after a remediation
        assertThat(helm.ran.stream().map(ReleaseAction::type).distinct().count()).isEqualTo(helm.ran.size());
        assertThat(helm.ran.stream().limit(Math.max(0, helm.ran.size() - 1)).map(ReleaseAction::type)).doesNotContain(Type.REMEDIATE);
    }

    /**
     * TestAtomicRelease_Reconcile_PostRenderers_Scenarios and ..._CommonMetadata_Scenarios: generation 2, a deployed
     * release with empty values; upstream asserts the observed digest after the reconcile and the last attempted action.
     */
    static Stream<Arguments> renderDigests() {
        return Stream.of(
                Arguments.of("addition of post renderers", PR1, "", 0L, VALUES_EMPTY, "upgrade", PR1, ""),
                Arguments.of("config change and addition of post renderers", PR1, "", 0L, sha256("foo: baz\n"), "upgrade", PR1, ""),
                Arguments.of("existing and new post renderers value", PR2, PR1, 0L, VALUES_EMPTY, "upgrade", PR2, ""),
                Arguments.of("post renderers mismatch remains in sync for processed config", PR2, PR1, 2L, VALUES_EMPTY, null, PR2, ""),
                Arguments.of("addition of common metadata", "", "", 0L, VALUES_EMPTY, "upgrade", "", CM1),
                Arguments.of("config change and addition of common metadata", "", "", 0L, sha256("foo: baz\n"), "upgrade", "", CM1),
                Arguments.of("existing and new common metadata value", "", CM1, 0L, VALUES_EMPTY, "upgrade", "", CM2),
                Arguments.of("common metadata mismatch remains in sync for processed config", "", CM1, 2L, VALUES_EMPTY, null, "", CM2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void renderDigests(String name, String desiredPostRenderers, String observed, long observedGeneration, String values,
            String wantAction, String wantPostRenderers, String wantCommonMetadata) {
        boolean commonMetadata = !wantCommonMetadata.isEmpty();
        FakeHelm helm = new FakeHelm();
        StoredRelease v1 = r(1, HelmStatus.DEPLOYED, VALUES_EMPTY);
        helm.store(v1);
        helm.history(observed(v1));
        helm.generation = 2;
        helm.status = commonMetadata ? helm.status.withObserved(observedGeneration, "", observed)
                : helm.status.withObserved(observedGeneration, observed, "");
        helm.desired = DESIRED.withValuesDigest(values).withRenderDigests(desiredPostRenderers, wantCommonMetadata);
        assertThat(helm.reconcile()).isInstanceOf(Plan.Done.class);
        assertThat(helm.status.observedPostRenderersDigest()).isEqualTo(wantPostRenderers);
        assertThat(helm.status.observedCommonMetadataDigest()).isEqualTo(wantCommonMetadata);
        assertThat(helm.status.lastAttemptedReleaseAction()).isEqualTo(wantAction);
    }
}
