package io.tributary.release.action;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.drift.ClusterDiff;
import io.tributary.release.drift.Diff;
import io.tributary.release.drift.DiffSet;
import io.tributary.release.drift.DriftCorrection;
import io.tributary.release.drift.IgnoreRules;
import io.tributary.release.plan.ClusterDrift;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.ReleaseOptions;
import io.tributary.release.plan.ReleaseStatusView;
import io.tributary.release.plan.Snapshot;
import io.tributary.release.storage.HelmReleaseRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * helm-controller's drift detection and {@code CorrectClusterDrift}. Detection ({@link #detection}) compares the
 * cluster with the latest release's manifest and warns with a DriftDetected event; the action, in mode
 * {@code enabled}, creates the deleted objects again and patches the changed ones, without a new Helm revision, and
 * reports DriftCorrected or DriftCorrectionFailed.
 */
public final class CorrectDrift implements ActionReconciler {

    public static final String DRIFT_CORRECTED = "DriftCorrected";
    public static final String DRIFT_CORRECTION_FAILED = "DriftCorrectionFailed";

    private static final Logger LOG = Logger.getLogger(CorrectDrift.class);

    private final ReleaseToolkit kit;

    public CorrectDrift(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.CORRECT_DRIFT;
    }

    /** The drift check of one reconcile turn, asked only for a release otherwise in sync. */
    public static ClusterDrift detection(ReleaseToolkit kit, ReleaseRequest req) {
        return () -> detect(kit, req);
    }

    private static Optional<String> detect(ReleaseToolkit kit, ReleaseRequest req) throws ClusterDrift.Undetermined {
        List<String> errors = new ArrayList<>();
        List<ClusterDiff.Compared> compared;
        try {
            compared = compare(kit, req, errors);
        } catch (ActionError e) {
            throw new ClusterDrift.Undetermined(e.getMessage());
        }
        DiffSet set = new DiffSet(compared.stream().map(ClusterDiff.Compared::diff).toList());
        if (!errors.isEmpty()) {
            if (!set.hasChanges()) {
                throw new ClusterDrift.Undetermined(aggregate(errors));
            }
            LOG.errorf("HelmRelease %s: diff of release against cluster state completed with error: %s", key(req), aggregate(errors));
        }
        if (!set.hasChanges()) {
            return Optional.empty();
        }
        LOG.infof("HelmRelease %s: detected changes in cluster state: %s", key(req), set.brief());
        // the pointers only: values may be Secret data
        set.ofType(Diff.Type.UPDATE).forEach(d -> LOG.debugf("HelmRelease %s: resource modified: %s %s", key(req), d.resourceName(),
                d.paths()));
        String summary = set.summary();
        kit.events.warning(req.object(), Reasons.DRIFT_DETECTED, ClusterDrift.driftedMessage(fullReleaseName(req), summary), null);
        return Optional.of(summary);
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError {
        if (req.options().driftMode() != ReleaseOptions.DriftMode.ENABLED) {
            return;
        }
        List<String> errors = new ArrayList<>();
        List<ClusterDiff.Compared> compared = compare(kit, req, errors);
        if (compared.stream().noneMatch(c -> c.diff().type() == Diff.Type.CREATE || c.diff().type() == Diff.Type.UPDATE)) {
            return;
        }
        StatusEdits.markUnknown(req, ConditionTypes.READY, Reasons.PROGRESSING, "correcting cluster drift");
        DriftCorrection.Result result = new DriftCorrection(kit.cluster).apply(compared);
        report(req, result);
    }

    private void report(ReleaseRequest req, DriftCorrection.Result result) {
        String release = fullReleaseName(req);
        String revision = ReleaseStatusView.of(req.status()).history().latest().map(Snapshot::chartVersion).orElse(null);
        if (!result.errors().isEmpty()) {
            StringBuilder sb = new StringBuilder("Failed to ");
            if (!result.changes().isEmpty()) {
                sb.append("partially ");
            }
            sb.append("correct cluster state of release ").append(release).append(":\n").append(String.join("\n", result.errors()));
            if (!result.changes().isEmpty()) {
                sb.append("\n\nSuccessful corrections:\n").append(String.join("\n", result.changes()));
            }
            kit.events.warning(req.object(), DRIFT_CORRECTION_FAILED, sb.toString(), revision);
        } else if (!result.changes().isEmpty()) {
            kit.events.normal(req.object(), DRIFT_CORRECTED, "Cluster state of release " + release + " has been corrected:\n"
                    + String.join("\n", result.changes()), revision);
        }
    }

    /** The latest release's manifest compared with the cluster; objects that could not be compared go to errors. */
    private static List<ClusterDiff.Compared> compare(ReleaseToolkit kit, ReleaseRequest req, List<String> errors) throws ActionError {
        HelmReleaseRecord latest;
        try {
            latest = kit.storage.latest(req.storageNamespace(), req.releaseName())
                    .orElseThrow(() -> new ActionError("failed to retrieve last release from storage: release: not found"));
        } catch (IOException | RuntimeException e) {
            throw new ActionError("failed to retrieve last release from storage: " + e.getMessage());
        }
        IgnoreRules ignore;
        try {
            ignore = IgnoreRules.of(req.spec().driftDetection == null ? null : req.spec().driftDetection.ignore);
        } catch (IgnoreRules.InvalidRuleException e) {
            throw new ActionError(e.getMessage());
        }
        return new ClusterDiff(kit.cluster).compare(latest.manifest(), latest.name(), latest.namespace(), ignore,
                new ArrayList<>(), errors);
    }

    /** apimachinery's aggregate error text: one error as it is, several in brackets. */
    static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    private static String fullReleaseName(ReleaseRequest req) {
        return ReleaseStatusView.of(req.status()).history().latest().map(Snapshot::fullReleaseName).orElse("");
    }

    private static String key(ReleaseRequest req) {
        return req.object().getMetadata().getNamespace() + "/" + req.object().getMetadata().getName();
    }
}
