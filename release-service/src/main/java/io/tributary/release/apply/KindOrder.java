package io.tributary.release.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Helm's {@code InstallOrder} and {@code UninstallOrder} ({@code pkg/release/v1/util/kind_sorter.go}): objects are
 * applied by kind in install order and deleted in uninstall order; kinds not listed come last, alphabetically, and
 * objects of one kind keep their rendered order.
 */
public final class KindOrder {

    public static final List<String> INSTALL = List.of(
            "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
            "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
            "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
            "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
            "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
            "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    public static final List<String> UNINSTALL = List.of(
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "Ingress", "IngressClass", "Service",
            "CronJob", "Job", "StatefulSet", "HorizontalPodAutoscaler", "Deployment", "ReplicaSet", "ReplicationController", "Pod",
            "DaemonSet", "RoleBindingList", "RoleBinding", "RoleList", "Role", "ClusterRoleBindingList", "ClusterRoleBinding",
            "ClusterRoleList", "ClusterRole", "CustomResourceDefinition", "PersistentVolumeClaim", "PersistentVolume",
            "StorageClass", "ConfigMap", "SecretList", "Secret", "ServiceAccount", "PodDisruptionBudget", "PodSecurityPolicy",
            "LimitRange", "ResourceQuota", "NetworkPolicy", "Namespace", "PriorityClass");

    private KindOrder() {
    }

    public static <T> List<T> sortInstall(List<T> items, Function<T, String> kind) {
        return sort(items, kind, INSTALL);
    }

    public static <T> List<T> sortUninstall(List<T> items, Function<T, String> kind) {
        return sort(items, kind, UNINSTALL);
    }

    /** Helm's {@code lessByKind}, as a stable sort. */
    static <T> List<T> sort(List<T> items, Function<T, String> kind, List<String> order) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        Comparator<T> byKind = (a, b) -> {
            Integer ra = rank.get(kind.apply(a));
            Integer rb = rank.get(kind.apply(b));
            if (ra == null && rb == null) {
                return kind.apply(a).compareTo(kind.apply(b));
            }
            if (ra == null) {
                return 1;
            }
            if (rb == null) {
                return -1;
            }
            return Integer.compare(ra, rb);
        };
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(byKind);
        return sorted;
    }
}
