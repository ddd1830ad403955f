package io.tributary.release.action;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.apply.CrdPolicy;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.ReleaseHistory;
import io.tributary.release.plan.Snapshot;

/** helm-controller's {@code Install}: a fresh release; history starts again, earlier test and remediation results no longer apply. */
public final class Install implements ActionReconciler {

    private final ReleaseToolkit kit;

    public Install(ReleaseToolkit kit) {
        this.kit = kit;
    }

    /**
     * {@code install.createNamespace}, as Helm's {@code --create-namespace}: the namespace is created with the label
     * {@code name: <namespace>} unless it exists, and is not part of the release. The error text, or null.
     */
    private String createNamespace(String namespace) {
        var client = kit.cluster.client();
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).addToLabels("name", namespace)
                        .endMetadata().build()).create();
            }
            return null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null; // created meanwhile
            }
            return "failed to create namespace '" + namespace + "' (spec.install.createNamespace): "
                    + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
        }
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.INSTALL;
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError, InterruptedException {
        var status = req.status();
        status.lastAttemptedReleaseAction = "install";
        status.history = null;
        StatusEdits.delete(req, ConditionTypes.TEST_SUCCESS);
        StatusEdits.delete(req, ConditionTypes.REMEDIATED);
        HelmReleaseSpec.Install spec = req.spec().install == null ? new HelmReleaseSpec.Install() : req.spec().install;
        var options = new HelmDeploy.Options(req.timeout("spec.install.timeout", spec.timeout), Boolean.TRUE.equals(spec.disableHooks),
                Boolean.TRUE.equals(spec.disableWait), !Boolean.TRUE.equals(spec.disableWaitForJobs),
                !Boolean.FALSE.equals(spec.serverSideApply), false, CrdPolicy.forInstall(spec.crds, spec.skipCRDs));
        ObservedReleases observed = new ObservedReleases();
        long started = System.nanoTime();
        HelmDeploy.Result result;
        try {
            String namespaceError = Boolean.TRUE.equals(spec.createNamespace) ? createNamespace(req.releaseNamespace()) : null;
            result = namespaceError != null ? new HelmDeploy.Result(null, namespaceError) : new HelmDeploy(kit).install(req, observed, options);
        } finally {
            status.lastAttemptedReleaseActionDuration = Outcomes.duration(started);
            observed.recordNewestOnObject(status, req.releaseNamespace(), "install");
        }
        FailureCounters counters = FailureCounters.of(status);
        if (result.failed()) {
            String message = "Helm install failed for release " + req.releaseNamespace() + "/" + req.releaseName() + " with chart "
                    + req.chart().name() + "@" + req.chart().version() + ": " + result.error().trim();
            StatusEdits.mark(req, ConditionTypes.RELEASED, false, Reasons.INSTALL_FAILED, message);
            StatusEdits.counters(status, counters.afterReleaseFailure(ReleaseAction.INSTALL, !observed.isEmpty()));
            kit.events.warning(req.object(), Reasons.INSTALL_FAILED, message, req.chart().version());
            return;
        }
        Snapshot cur = ReleaseHistory.of(status.history).latest().orElseThrow();
        String message = "Helm install succeeded for release " + cur.fullReleaseName() + " with chart " + cur.versionedChartName();
        StatusEdits.mark(req, ConditionTypes.RELEASED, true, Reasons.INSTALL_SUCCEEDED, message);
        Outcomes.awaitTests(req, cur);
        StatusEdits.counters(status, counters.afterReleaseSuccess(req.options().install().retry().isPresent()));
        kit.events.normal(req.object(), Reasons.INSTALL_SUCCEEDED, message, cur.chartVersion());
    }
}
