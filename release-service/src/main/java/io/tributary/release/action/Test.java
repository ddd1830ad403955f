package io.tributary.release.action;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.hooks.HookEvent;
import io.tributary.release.hooks.HookExecutor;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.Remediation;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.HookRecord;
import io.tributary.release.storage.StoredReleases;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * helm-controller's {@code Test}: runs the latest release's test hooks ({@code spec.test.filters} select them), records
 * each hook's phase in the release and in {@code status.history[0].testHooks}, and sets TestSuccess.
 */
public final class Test implements ActionReconciler {

    private final ReleaseToolkit kit;

    public Test(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.TEST;
    }

    /** Flux's filters: without an including filter every test runs; an excluding one removes its hook. */
    static boolean selected(String hook, List<HelmReleaseSpec.Test.Filter> filters) {
        if (filters == null || filters.isEmpty()) {
            return true;
        }
        boolean anyInclude = filters.stream().anyMatch(f -> !Boolean.TRUE.equals(f.exclude));
        for (HelmReleaseSpec.Test.Filter f : filters) {
            if (Objects.equals(f.name, hook)) {
                return !Boolean.TRUE.equals(f.exclude);
            }
        }
        return !anyInclude;
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError, InterruptedException {
        HelmReleaseStatus status = req.status();
        HelmReleaseRecord latest;
        try {
            latest = kit.storage.latest(req.storageNamespace(), req.releaseName())
                    .orElseThrow(() -> new ActionError("no latest release: required for test"));
        } catch (IOException | RuntimeException e) {
            throw new ActionError("cannot read Helm storage: " + e.getMessage());
        }
        HelmReleaseSpec.Test spec = req.spec().test == null ? new HelmReleaseSpec.Test() : req.spec().test;
        List<HookRecord> tests = (latest.hooks() == null ? List.<HookRecord>of() : latest.hooks()).stream()
                .filter(h -> h.events.contains(HookEvent.TEST.value()) && selected(h.name, spec.filters)).toList();
        HelmReleaseRecord selection = latest.withRendered(latest.manifest(), tests);
        ObservedReleases observed = new ObservedReleases();
        Runnable record = () -> {
            kit.storage.save(req.storageNamespace(), latest);
            observed.observe(latest);
        };
        String error = null;
        try {
            kit.step(req);
            kit.hooks.exec(selection, HookEvent.TEST, req.timeout("spec.test.timeout", spec.timeout), true, record);
        } catch (HookExecutor.HookFailure e) {
            error = e.getMessage();
        }
        observed.recordOnObject(status, req.releaseNamespace(), null, false);
        Map<String, HelmReleaseStatus.TestHookStatus> ran = StoredReleases.testHookStatuses(tests);
        if (status.history != null) {
            status.history.stream().filter(s -> Objects.equals(s.version, (long) latest.version())).forEach(s -> s.testHooks = ran);
        }
        String release = req.releaseNamespace() + "/" + latest.name() + ".v" + latest.version();
        String chart = latest.chart().name() + "@" + latest.chart().version();
        if (error != null) {
            String message = "Helm test failed for release " + release + " with chart " + chart + ": " + error;
            StatusEdits.mark(req, ConditionTypes.TEST_SUCCESS, false, Reasons.TEST_FAILED, message);
            Remediation active = req.options().activeRemediation(status.lastAttemptedReleaseAction);
            StatusEdits.counters(status, FailureCounters.of(status).afterTestFailure(active, req.options().testIgnoreFailures(), true));
            kit.events.warning(req.object(), Reasons.TEST_FAILED, message, latest.chart().version());
            return;
        }
        String detail = tests.isEmpty() ? "no test hooks" : tests.size() + " test hook(s) completed successfully";
        String message = "Helm test succeeded for release " + release + " with chart " + chart + ": " + detail;
        StatusEdits.mark(req, ConditionTypes.TEST_SUCCESS, true, Reasons.TEST_SUCCEEDED, message);
        kit.events.normal(req.object(), Reasons.TEST_SUCCEEDED, message, latest.chart().version());
    }
}
