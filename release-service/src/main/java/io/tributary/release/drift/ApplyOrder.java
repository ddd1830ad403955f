package io.tributary.release.drift;

import java.util.Comparator;
import java.util.List;

/**
 * fluxcd/pkg ssa's {@code ReconcileOrder}: the order drift corrections are written in, by kind (CRDs and namespaces
 * first, webhooks last, others between), then group, kind, namespace and name. Pure.
 */
public final class ApplyOrder {

    static final List<String> FIRST = List.of("CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass",
            "RuntimeClass", "PriorityClass", "StorageClass", "VolumeSnapshotClass", "IngressClass", "GatewayClass",
            "ClusterRoleBinding", "ResourceQuota", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service",
            "LimitRange", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
    static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    public static final Comparator<Diff> DIFFS = Comparator.comparingInt((Diff d) -> rank(d.kind()))
            .thenComparing(d -> group(d.apiVersion())).thenComparing(Diff::kind).thenComparing(Diff::namespace)
            .thenComparing(Diff::name);

    private ApplyOrder() {
    }

    static int rank(String kind) {
        int first = FIRST.indexOf(kind);
        if (first >= 0) {
            return first - FIRST.size();
        }
        int last = LAST.indexOf(kind);
        return last >= 0 ? last + 1 : 0;
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
