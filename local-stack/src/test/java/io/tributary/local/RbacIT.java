package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services run as the ServiceAccounts of {@code k8s/deploy}, bound by {@code k8s/deploy/rbac.yaml}, and do their
 * whole job with it: a GitRepository becomes an artifact, a HelmRelease gets its HelmChart, the chart is installed,
 * and no request of any service, in this test or any other one on the shared stack, was forbidden.
 */
@ExtendWith(SharedStack.class)
class RbacIT {

    private static final String NS = "rbac-it";
    private static final Pattern FORBIDDEN = Pattern.compile("(?i)forbidden|\\b403\\b");
    /** The time a log line starts with: its milliseconds may read 403. */
    private static final Pattern LOG_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} ");
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        stack.createNamespace(NS);
    }

    private static boolean can(String service, String verb, String group, String resource, String subresource) {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(stack.serviceKubeconfig(service).toFile())).build()) {
            SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
                    new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withVerb(verb).withGroup(group)
                            .withResource(resource).withSubresource(subresource).withNamespace(NS).endResourceAttributes()
                            .endSpec().build());
            return review.getStatus().getAllowed();
        }
    }

    @Test
    void eachServiceHasExactlyTheRightsOfItsServiceAccount() {
        assertThat(stack.embedded()).as("the stack runs its own control plane").isTrue();
        assertThat(can("fetcher-service", "patch", "source.toolkit.fluxcd.io", "gitrepositories", "status")).isTrue();
        assertThat(can("fetcher-service", "list", "", "secrets", null)).isTrue();
        assertThat(can("fetcher-service", "create", "", "secrets", null)).as("fetcher creates secrets").isFalse();
        assertThat(can("fetcher-service", "delete", "source.toolkit.fluxcd.io", "gitrepositories", null)).isFalse();
        assertThat(can("notification-service", "patch", "helm.toolkit.fluxcd.io", "helmreleases", null)).isTrue();
        assertThat(can("notification-service", "update", "source.toolkit.fluxcd.io", "gitrepositories", null)).isFalse();
        assertThat(can("notification-service", "create", "", "configmaps", null)).isFalse();
        assertThat(can("artifact-service", "get", "", "secrets", null)).as("artifact-service reads nothing").isFalse();
        assertThat(can("release-service", "create", "", "configmaps", null)).as("release-service applies charts").isTrue();
    }

    @Test
    void aGitRepositoryBecomesAReleaseWithNoForbiddenRequest() throws IOException {
        GitRepository repo = stack.client().getKubernetesSerialization().unmarshal("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                spec:
                  interval: 10m
                  url: %s
                  ref:
                    branch: main
                """.formatted(stack.git().url(DemoRepository.NAME)), GitRepository.class);
        repo.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace(NS).build());
        stack.client().resource(repo).create();
        HelmRelease release = stack.client().getKubernetesSerialization().unmarshal("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                spec:
                  interval: 10m
                  chart:
                    spec:
                      chart: ./charts/demo
                      sourceRef:
                        kind: GitRepository
                        name: demo
                  values:
                    message: installed by a ServiceAccount
                """, HelmRelease.class);
        release.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace(NS).build());
        stack.client().resource(release).create();

        stack.await("HelmRelease " + NS + "/demo Ready", Duration.ofMinutes(2), () -> {
            HelmRelease r = stack.client().resources(HelmRelease.class).inNamespace(NS).withName("demo").get();
            return r.getStatus() != null && Conditions.isTrue(r.getStatus().conditions, ConditionTypes.READY);
        });
        GitRepository fetched = stack.client().resources(GitRepository.class).inNamespace(NS).withName("demo").get();
        assertThat(fetched.getStatus().artifact.digest).startsWith("sha256:");
        HelmChart chart = stack.client().resources(HelmChart.class).inNamespace(NS).withName(NS + "-demo").get();
        assertThat(Conditions.isTrue(chart.getStatus().conditions, ConditionTypes.READY)).isTrue();
        assertThat(stack.client().configMaps().inNamespace(NS).withName("demo-settings").get().getData())
                .containsEntry("message", "installed by a ServiceAccount");

        for (String service : List.of("artifact-service", "fetcher-service", "release-service", "notification-service")) {
            List<String> forbidden = Files.readAllLines(stack.logs().resolve(service + ".log")).stream()
                    .filter(line -> FORBIDDEN.matcher(LOG_TIME.matcher(line).replaceFirst("")).find()).toList();
            assertThat(forbidden).as(service + " log lines with a forbidden request").isEmpty();
        }
    }
}
