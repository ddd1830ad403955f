package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Conditions;
import io.tributary.release.plan.ConditionChange;
import io.tributary.release.plan.Snapshot;
import io.tributary.release.plan.StatusChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Writes the planner's {@link StatusChanges} into a HelmRelease status. Pure. */
public final class StatusChangesApplier {

    private StatusChangesApplier() {
    }

    public static void apply(StatusChanges changes, HelmReleaseStatus status, long generation) {
        if (changes.history() != null) {
            status.history = truncate(status.history, changes.history().snapshots());
        }
        for (ConditionChange change : changes.conditions()) {
            String transition = null;
            if (change.replaces() != null) {
                transition = Conditions.find(status.conditions, change.replaces()).map(Condition::getLastTransitionTime).orElse(null);
                status.conditions = Conditions.remove(status.conditions, change.replaces());
            }
            status.conditions = new ArrayList<>(Conditions.set(status.conditions, change.type(), change.status(), change.reason(),
                    change.message(), generation));
            if (transition != null) {
                String kept = transition;
                status.conditions.stream().filter(c -> change.type().equals(c.getType())).forEach(c -> c.setLastTransitionTime(kept));
            }
        }
    }

    /** Keeps the API snapshots (with every field) whose versions the planner kept, in its order. */
    static List<HelmReleaseStatus.Snapshot> truncate(List<HelmReleaseStatus.Snapshot> current, List<Snapshot> kept) {
        if (kept.isEmpty()) {
            return null;
        }
        List<HelmReleaseStatus.Snapshot> result = new ArrayList<>();
        for (Snapshot k : kept) {
            HelmReleaseStatus.Snapshot match = current == null ? null : current.stream()
                    .filter(s -> s.version != null && s.version == k.version() && Objects.equals(s.name, k.name())).findFirst().orElse(null);
            result.add(match != null ? match : toApi(k));
        }
        return result;
    }

    private static HelmReleaseStatus.Snapshot toApi(Snapshot k) {
        HelmReleaseStatus.Snapshot s = new HelmReleaseStatus.Snapshot();
        s.apiVersion = k.apiVersion();
        s.digest = k.digest();
        s.name = k.name();
        s.namespace = k.namespace();
        s.version = k.version();
        s.status = k.status();
        s.chartName = k.chartName();
        s.chartVersion = k.chartVersion();
        s.configDigest = k.configDigest();
        if (k.testHooks() != null) {
            s.testHooks = new java.util.LinkedHashMap<>();
            k.testHooks().forEach((name, phase) -> s.testHooks.put(name, new HelmReleaseStatus.TestHookStatus(null, null, phase)));
        }
        return s;
    }
}
