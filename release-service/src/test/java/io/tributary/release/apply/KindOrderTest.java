package io.tributary.release.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tables of helm/helm {@code pkg/release/v1/util/kind_sorter_test.go} (main at e9b85e4de): TestKindSorter (2 rows),
 * TestKindSorterKeepOriginalOrder (1), TestKindSorterNamespaceAgainstUnknown (1), TestKindSorterForHooks (2).
 */
class KindOrderTest {

    record M(String name, String kind) {
    }

    private static final String ALL = "\"U\" \"IngressClass\";\"E\" \"SecretList\";\"i\" \"ClusterRole\";\"I\" \"ClusterRoleList\";"
            + "\"j\" \"ClusterRoleBinding\";\"J\" \"ClusterRoleBindingList\";\"f\" \"ConfigMap\";\"u\" \"CronJob\";"
            + "\"2\" \"CustomResourceDefinition\";\"n\" \"DaemonSet\";\"r\" \"Deployment\";\"!\" \"HonkyTonkSet\";\"v\" \"Ingress\";"
            + "\"t\" \"Job\";\"c\" \"LimitRange\";\"a\" \"Namespace\";\"A\" \"NetworkPolicy\";\"g\" \"PersistentVolume\";"
            + "\"h\" \"PersistentVolumeClaim\";\"o\" \"Pod\";\"3\" \"PodDisruptionBudget\";\"C\" \"PodSecurityPolicy\";"
            + "\"q\" \"ReplicaSet\";\"p\" \"ReplicationController\";\"b\" \"ResourceQuota\";\"k\" \"Role\";\"K\" \"RoleList\";"
            + "\"l\" \"RoleBinding\";\"L\" \"RoleBindingList\";\"e\" \"Secret\";\"m\" \"Service\";\"d\" \"ServiceAccount\";"
            + "\"s\" \"StatefulSet\";\"1\" \"StorageClass\";\"w\" \"APIService\";\"x\" \"HorizontalPodAutoscaler\";"
            + "\"F\" \"PriorityClass\";\"M\" \"MutatingWebhookConfiguration\";\"V\" \"ValidatingWebhookConfiguration\"";

    static List<M> manifests(String table) {
        List<M> result = new ArrayList<>();
        for (String row : table.split(";")) {
            String[] parts = row.split("\" \"");
            result.add(new M(parts[0].substring(1), parts[1].substring(0, parts[1].length() - 1)));
        }
        return result;
    }

    static String names(List<M> sorted) {
        return sorted.stream().map(M::name).collect(Collectors.joining());
    }

    @Test
    void installOrder() {
        List<M> input = manifests(ALL);
        List<M> copy = List.copyOf(input);
        assertThat(names(KindOrder.sortInstall(input, M::kind))).isEqualTo("FaAbcC3deEf1gh2iIjJkKlLmnopqrxstuUvwMV!");
        assertThat(input).isEqualTo(copy);
    }

    @Test
    void uninstallOrder() {
        assertThat(names(KindOrder.sortUninstall(manifests(ALL), M::kind))).isEqualTo("VMwvUmutsxrqponLlKkJjIi2hg1fEed3CcbAaF!");
    }

    @Test
    void keepsTheOriginalOrderWithinAKind() {
        List<M> input = List.of(new M("a", "ClusterRole"), new M("A", "ClusterRole"), new M("0", "ConfigMap"), new M("1", "ConfigMap"),
                new M("z", "ClusterRoleBinding"), new M("!", "ClusterRoleBinding"), new M("u2", "Unknown"), new M("u1", "Unknown"),
                new M("t3", "Unknown2"));
        assertThat(names(KindOrder.sortInstall(input, M::kind))).isEqualTo("01aAz!u2u1t3");
    }

    @Test
    void namespaceBeforeAnUnknownKind() {
        assertThat(names(KindOrder.sortInstall(List.of(new M("a", "Unknown"), new M("b", "Namespace")), M::kind))).isEqualTo("ba");
    }

    @Test
    void hooksSortByKindToo() {
        List<M> hooks = List.of(new M("i", "ClusterRole"), new M("j", "ClusterRoleBinding"), new M("c", "LimitRange"),
                new M("a", "Namespace"));
        assertThat(names(KindOrder.sortInstall(hooks, M::kind))).isEqualTo("acij");
        assertThat(names(KindOrder.sortUninstall(hooks, M::kind))).isEqualTo("jica");
    }
}
