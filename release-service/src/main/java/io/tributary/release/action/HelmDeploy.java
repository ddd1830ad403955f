package io.tributary.release.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.apply.CrdPolicy;
import io.tributary.release.apply.ManifestApplier;
import io.tributary.release.cel.CelExpression;
import io.tributary.release.chart.ChartRenderer;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.chart.RenderedDocument;
import io.tributary.release.hooks.HookEvent;
import io.tributary.release.hooks.HookExecutor;
import io.tributary.release.plan.HelmStatus;
import io.tributary.release.postrender.PostRendering;
import io.tributary.release.storage.HelmReleaseRecord;
import io.tributary.release.storage.HookRecord;
import io.tributary.release.values.PreservedValues;
import io.tributary.release.wait.HealthChecks;
import io.tributary.release.wait.ReadinessWaiter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's install, upgrade and rollback ({@code pkg/action}): a new revision is written {@code pending-*} before
 * anything touches the cluster, then CRDs, pre hooks, the objects (those the previous revision had and this one does
 * not are deleted), the wait, post hooks; the revision ends deployed, the one before superseded, or failed with Helm's
 * description. A chart that does not render is stored as a failed revision too, so it is remediated like any failure.
 */
final class HelmDeploy {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * How one deploy runs; {@code crds} null for rollback, which never touches CRDs. {@code serverSideApply} null is
     * Helm's {@code auto}: the revision the action starts from decides ({@link #resolve}).
     */
    record Options(Duration timeout, boolean disableHooks, boolean disableWait, boolean waitForJobs, Boolean serverSideApply,
            boolean force, CrdPolicy crds) {

        /** Helm's {@code getUpgradeServerSideValue}: {@code auto} applies server-side when {@code from} was. */
        Options resolve(HelmReleaseRecord from) {
            if (serverSideApply != null) {
                return this;
            }
            return new Options(timeout, disableHooks, disableWait, waitForJobs, "ssa".equals(from.applyMethod()), force, crds);
        }

        boolean ssa() {
            return Boolean.TRUE.equals(serverSideApply);
        }

        ManifestApplier.Method method() {
            return ManifestApplier.Method.of(ssa(), force);
        }

        /** {@code spec.upgrade/rollback.serverSideApply}: {@code enabled}, {@code disabled}, or {@code auto} (null). */
        static Boolean mode(String value) {
            if (value == null || value.isEmpty() || value.equals("auto")) {
                return null;
            }
            return !(value.equals("disabled") || value.equals("false"));
        }
    }

    /** The revision the action left in storage, and the error if it failed. */
    record Result(HelmReleaseRecord release, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private final ReleaseToolkit kit;

    HelmDeploy(ReleaseToolkit kit) {
        this.kit = kit;
    }

    Result install(ReleaseRequest req, ObservedReleases observed, Options options) throws ActionReconciler.ActionError,
            InterruptedException {
        List<HelmReleaseRecord> history = history(req);
        int version = history.isEmpty() ? 1 : history.get(0).version() + 1;
        String now = now();
        HelmReleaseRecord pending = new HelmReleaseRecord(req.releaseName(),
                new HelmReleaseRecord.Info(now, now, null, "Initial install underway", HelmStatus.PENDING_INSTALL.value(), null),
                req.chart().record(), req.values(), "", List.of(), version, req.releaseNamespace())
                .withApplyMethod(options.ssa());
        return deploy(req, req.chart(), observed, options, history, pending, Optional.empty(), HookEvent.PRE_INSTALL, HookEvent.POST_INSTALL,
                "install", "Install complete", "Release \"" + req.releaseName() + "\" failed: ");
    }

    Result upgrade(ReleaseRequest req, ObservedReleases observed, Options given) throws ActionReconciler.ActionError,
            InterruptedException {
        List<HelmReleaseRecord> history = history(req);
        if (history.isEmpty()) {
            throw new ActionReconciler.ActionError("upgrade: \"" + req.releaseName() + "\" has no deployed releases");
        }
        HelmReleaseRecord last = history.get(0);
        Options options = given.resolve(last);
        HelmReleaseRecord current = PreservedValues.upgradeBase(history).orElseThrow();
        LoadedChart chart = req.chart();
        if (req.preserveValues()) {
            // the request's values are already folded over current's (ReleaseRun); the chart renders with its defaults
            try {
                chart = chart.withDefaults(PreservedValues.chartDefaults(current),
                        req.workDir().resolve("chart-v" + (last.version() + 1)));
            } catch (IOException | RuntimeException e) {
                throw new ActionReconciler.ActionError("upgrade: failed to rebuild old values: " + e.getMessage());
            }
        }
        String now = now();
        HelmReleaseRecord pending = new HelmReleaseRecord(req.releaseName(),
                new HelmReleaseRecord.Info(current.info().firstDeployed(), now, null, "Preparing upgrade",
                        HelmStatus.PENDING_UPGRADE.value(), null),
                chart.record(), req.values(), "", List.of(), last.version() + 1, req.releaseNamespace())
                .withApplyMethod(options.ssa());
        return deploy(req, chart, observed, options, history, pending, Optional.of(current), HookEvent.PRE_UPGRADE,
                HookEvent.POST_UPGRADE, "update", "Upgrade complete", "Upgrade \"" + req.releaseName() + "\" failed: ");
    }

    Result rollback(ReleaseRequest req, ObservedReleases observed, Options given, int toVersion) throws ActionReconciler.ActionError,
            InterruptedException {
        List<HelmReleaseRecord> history = history(req);
        HelmReleaseRecord target = history.stream().filter(r -> r.version() == toVersion).findFirst()
                .orElseThrow(() -> new ActionReconciler.ActionError("rollback: release " + req.releaseName() + ".v" + toVersion
                        + " not found in storage"));
        Options options = given.resolve(target);
        HelmReleaseRecord current = history.get(0);
        HelmReleaseRecord pending = target.asRevision(current.version() + 1, HelmStatus.PENDING_ROLLBACK.value(),
                "Rollback to " + toVersion, now()).withApplyMethod(options.ssa());
        makeRoom(req, history);
        save(req, observed, pending);
        List<RenderedDocument> objects;
        try {
            objects = ManifestDocuments.split(target.manifest());
        } catch (ManifestDocuments.InvalidManifestException e) {
            return fail(req, observed, pending, "Rollback \"" + req.releaseName() + "\" failed: ", e.getMessage());
        }
        String error = cycle(req, observed, options, pending, objects, Optional.of(current), HookEvent.PRE_ROLLBACK,
                HookEvent.POST_ROLLBACK, "update");
        if (error != null) {
            return fail(req, observed, pending, "Rollback \"" + req.releaseName() + "\" failed: ", error);
        }
        // every deployed revision gives way to the rollback; failed ones stay failed
        for (HelmReleaseRecord r : history) {
            if (HelmStatus.DEPLOYED.value().equals(r.status())) {
                save(req, observed, r.withStatus(HelmStatus.SUPERSEDED.value(), r.info().description()));
            }
        }
        HelmReleaseRecord deployed = pending.withStatus(HelmStatus.DEPLOYED.value(), "Rollback to " + toVersion);
        save(req, observed, deployed);
        return new Result(deployed, null);
    }

    private Result deploy(ReleaseRequest req, LoadedChart chart, ObservedReleases observed, Options options, List<HelmReleaseRecord> history,
            HelmReleaseRecord pending, Optional<HelmReleaseRecord> current, HookEvent pre, HookEvent post, String operation, String done,
            String failedPrefix) throws InterruptedException {
        makeRoom(req, history);
        ChartRenderer.Rendered rendered;
        try {
            Path valuesFile = req.workDir().resolve("values-" + pending.version() + ".yaml");
            YAML.writeValue(valuesFile.toFile(), req.values());
            rendered = kit.renderer.render(chart, req.releaseName(), req.releaseNamespace(), valuesFile,
                    PostRendering.of(req.object(), kit.kustomize));
        } catch (ChartRenderer.RenderFailure | IOException e) {
            return fail(req, observed, pending, failedPrefix, e.getMessage());
        }
        HelmReleaseRecord release = pending.withRendered(rendered.manifest(), rendered.hooks().stream().map(HookRecord::of).toList());
        save(req, observed, release);
        if (options.crds() != null) {
            try {
                kit.step(req);
                kit.crds.apply(chart, options.crds(), options.timeout());
            } catch (ManifestApplier.ApplyFailure e) {
                return fail(req, observed, release, failedPrefix, e.getMessage());
            }
        }
        String error = cycle(req, observed, options, release, rendered.objects(), current, pre, post, operation);
        if (error != null) {
            return fail(req, observed, release, failedPrefix, error);
        }
        if (current.isPresent() && HelmStatus.DEPLOYED.value().equals(current.get().status())) {
            save(req, observed, current.get().withStatus(HelmStatus.SUPERSEDED.value(), current.get().info().description()));
        }
        HelmReleaseRecord deployed = release.withStatus(HelmStatus.DEPLOYED.value(), done);
        save(req, observed, deployed);
        return new Result(deployed, null);
    }

    /** {@code spec.healthCheckExprs}, checked valid before any action runs. */
    private static HealthChecks healthChecks(ReleaseRequest req) {
        try {
            return HealthChecks.of(req.spec().healthCheckExprs);
        } catch (CelExpression.InvalidExpression e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Hooks, objects, wait, hooks; the error text, or null on success. */
    private String cycle(ReleaseRequest req, ObservedReleases observed, Options options, HelmReleaseRecord release,
            List<RenderedDocument> objects, Optional<HelmReleaseRecord> current, HookEvent pre, HookEvent post, String operation)
            throws InterruptedException {
        Runnable record = () -> save(req, observed, release);
        try {
            if (!options.disableHooks()) {
                kit.step(req);
                kit.hooks.exec(release, pre, options.timeout(), options.ssa(), record);
            }
            kit.step(req);
            List<ClusterObjects.Located> previous = current.isPresent()
                    ? kit.applier.locateExisting(ManifestDocuments.split(current.get().manifest()), req.releaseNamespace()) : List.of();
            Map<String, GenericKubernetesResource> originals = new HashMap<>();
            previous.forEach(p -> originals.put(p.identity(), p.object()));
            List<ClusterObjects.Located> applied = kit.applier.apply(objects, req.releaseName(), req.releaseNamespace(),
                    options.method(), originals, operation);
            List<String> deleteErrors = kit.applier.delete(ManifestApplier.removed(previous, applied),
                    io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND);
            if (!deleteErrors.isEmpty()) {
                return "failed to delete objects no longer rendered: " + String.join("; ", deleteErrors);
            }
            if (!options.disableWait()) {
                kit.step(req);
                boolean legacy = req.spec().waitStrategy != null && "legacy".equals(req.spec().waitStrategy.name);
                kit.waiter.await(applied, options.timeout(), options.waitForJobs(), legacy ? HealthChecks.NONE : healthChecks(req), legacy);
            }
            if (!options.disableHooks()) {
                kit.step(req);
                kit.hooks.exec(release, post, options.timeout(), options.ssa(), record);
            }
            return null;
        } catch (HookExecutor.HookFailure | ManifestApplier.ApplyFailure | ReadinessWaiter.NotReadyException e) {
            return e.getMessage();
        } catch (ManifestDocuments.InvalidManifestException e) {
            return "previous release manifest: " + e.getMessage();
        }
    }

    private Result fail(ReleaseRequest req, ObservedReleases observed, HelmReleaseRecord release, String prefix, String error) {
        HelmReleaseRecord failed = release.withStatus(HelmStatus.FAILED.value(), prefix + error);
        save(req, observed, failed);
        return new Result(failed, error);
    }

    private List<HelmReleaseRecord> history(ReleaseRequest req) throws ActionReconciler.ActionError {
        try {
            return kit.storage.history(req.storageNamespace(), req.releaseName());
        } catch (IOException | RuntimeException e) {
            throw new ActionReconciler.ActionError("cannot read Helm storage: " + e.getMessage());
        }
    }

    private void save(ReleaseRequest req, ObservedReleases observed, HelmReleaseRecord record) {
        kit.storage.save(req.storageNamespace(), record);
        observed.observe(record);
    }

    /** Before a new revision is first stored, as Helm's storage makes room for it under {@code maxHistory}. */
    private void makeRoom(ReleaseRequest req, List<HelmReleaseRecord> history) {
        try {
            kit.storage.makeRoom(req.storageNamespace(), req.releaseName(), req.maxHistory(), history);
        } catch (RuntimeException e) {
            // pruning is retried before the next revision; this one is stored regardless
        }
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
