package io.tributary.release.action;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.tributary.release.apply.ClusterObjects;
import io.tributary.release.chart.ManifestDocuments;
import io.tributary.release.hooks.HookEvent;
import io.tributary.release.hooks.HookExecutor;
import io.tributary.release.plan.HelmStatus;
import io.tributary.release.storage.HelmReleaseRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Helm's uninstall: the last revision goes {@code uninstalling}, pre-delete hooks run, the release's objects are
 * deleted in uninstall order, post-delete hooks run; then the revision is kept as {@code uninstalled} under
 * {@code keepHistory}, or every revision is removed from storage.
 */
final class HelmUninstall {

    record Options(Duration timeout, boolean disableHooks, boolean keepHistory, DeletionPropagation propagation, boolean persistentClient) {
    }

    private void step(Options options) {
        if (!options.persistentClient()) {
            kit.cluster.forgetDiscovery();
        }
    }

    /** The revision uninstalled (as it was before), and the error if it failed; empty when nothing was stored. */
    record Result(Optional<HelmReleaseRecord> release, String error) {
    }

    private final ReleaseToolkit kit;

    HelmUninstall(ReleaseToolkit kit) {
        this.kit = kit;
    }

    Result uninstall(String storageNamespace, String releaseName, ObservedReleases observed, Options options)
            throws ActionReconciler.ActionError, InterruptedException {
        List<HelmReleaseRecord> history;
        try {
            history = kit.storage.history(storageNamespace, releaseName);
        } catch (IOException | RuntimeException e) {
            throw new ActionReconciler.ActionError("cannot read Helm storage: " + e.getMessage());
        }
        if (history.isEmpty()) {
            return new Result(Optional.empty(), null);
        }
        HelmReleaseRecord last = history.get(0);
        if (HelmStatus.UNINSTALLED.value().equals(last.status())) {
            if (!options.keepHistory()) {
                purge(storageNamespace, history);
            }
            return new Result(Optional.of(last), null);
        }
        HelmReleaseRecord uninstalling = last.withStatus(HelmStatus.UNINSTALLING.value(), "Deletion in progress (or silently failed)");
        save(storageNamespace, observed, uninstalling);
        Runnable record = () -> save(storageNamespace, observed, uninstalling);
        List<String> errors = new ArrayList<>();
        try {
            if (!options.disableHooks()) {
                step(options);
                kit.hooks.exec(uninstalling, HookEvent.PRE_DELETE, options.timeout(), true, record);
            }
            step(options);
            List<ClusterObjects.Located> objects = kit.applier.locateExisting(ManifestDocuments.split(last.manifest()), last.namespace());
            errors.addAll(kit.applier.delete(objects, options.propagation()));
            if (!options.disableHooks()) {
                step(options);
                kit.hooks.exec(uninstalling, HookEvent.POST_DELETE, options.timeout(), true, record);
            }
        } catch (HookExecutor.HookFailure | ManifestDocuments.InvalidManifestException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) {
            String error = "uninstallation completed with " + errors.size() + " error(s): " + String.join("; ", errors);
            save(storageNamespace, observed, uninstalling.withStatus(HelmStatus.FAILED.value(), error));
            return new Result(Optional.of(last), error);
        }
        HelmReleaseRecord uninstalled = uninstalling.withStatus(HelmStatus.UNINSTALLED.value(), "Uninstallation complete")
                .withDeleted(HelmDeploy.now());
        save(storageNamespace, observed, uninstalled);
        if (!options.keepHistory()) {
            purge(storageNamespace, history);
        }
        return new Result(Optional.of(last), null);
    }

    private void purge(String storageNamespace, List<HelmReleaseRecord> history) {
        for (HelmReleaseRecord r : history) {
            kit.storage.delete(storageNamespace, r.name(), r.version());
        }
    }

    private void save(String storageNamespace, ObservedReleases observed, HelmReleaseRecord record) {
        kit.storage.save(storageNamespace, record);
        observed.observe(record);
    }
}
