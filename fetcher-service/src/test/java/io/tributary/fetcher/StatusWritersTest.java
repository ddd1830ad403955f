package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.api.source.GitRepositoryStatus;
import io.tributary.operator.StatusWriter;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.tributary.testsupport.ControlPlaneCrds;
import io.tributary.testsupport.SharedServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two writers of one status, each from its own stale copy: neither erases what the other wrote. On the real
 * kube-apiserver, so the status subresource, the CRD's status schema and its conflict answers (409) are the real ones.
 */
class StatusWritersTest {

    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void start() {
        client = SharedServers.controlPlane().client();
        ControlPlaneCrds.install(client);
        namespace = "status-writers-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    private static GitRepository create(String name) {
        GitRepository repo = new GitRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        repo.setSpec(new GitRepositorySpec());
        repo.getSpec().url = "https://example.com/repo.git";
        repo.getSpec().interval = "1m";
        return client.resource(repo).create();
    }

    private static GitRepository read(String name) {
        return client.resources(GitRepository.class).inNamespace(namespace).withName(name).get();
    }

    @Test
    void aWriterWithAStaleCopyKeepsWhatAnotherWroteInBetween() {
        create("two-writers");
        StatusWriter writer = new StatusWriter(client);
        GitRepository schedulerCopy = read("two-writers");
        GitRepository workerCopy = read("two-writers");
        GitRepositoryStatus workerStatus = new GitRepositoryStatus();
        var worker = writer.track(workerCopy, workerStatus);
        GitRepositoryStatus schedulerStatus = new GitRepositoryStatus();
        var scheduler = writer.track(schedulerCopy, schedulerStatus);

        workerStatus.artifact = artifact("sha256:aaa");
        workerStatus.conditions = Conditions.set(workerStatus.conditions, ConditionTypes.READY, true, "Succeeded", "stored", 1L);
        assertThat(worker.write(workerStatus)).isTrue();

        schedulerStatus.lastHandledReconcileAt = "now";
        schedulerStatus.conditions = Conditions.set(schedulerStatus.conditions, ConditionTypes.RECONCILING, true, "Progressing", "x", 1L);
        assertThat(scheduler.write(schedulerStatus)).isTrue();

        GitRepository after = read("two-writers");
        // the scheduler's copy was stale: its write was refused, read again and merged; it knows the object as written
        assertThat(scheduler.resourceVersion()).isEqualTo(after.getMetadata().getResourceVersion());
        assertThat(worker.resourceVersion()).isNotEqualTo(after.getMetadata().getResourceVersion());
        GitRepositoryStatus stored = after.getStatus();
        assertThat(stored.artifact.digest).isEqualTo("sha256:aaa");
        assertThat(stored.lastHandledReconcileAt).isEqualTo("now");
        assertThat(Conditions.isTrue(stored.conditions, ConditionTypes.READY)).isTrue();
        assertThat(Conditions.isTrue(stored.conditions, ConditionTypes.RECONCILING)).isTrue();
    }

    @Test
    void concurrentWritersOfDifferentFieldsAllLand() throws Exception {
        create("concurrent");
        StatusWriter writer = new StatusWriter(client);
        int rounds = 15;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("a", "b")) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 1; i <= rounds; i++) {
                        GitRepository copy = read("concurrent");
                        GitRepositoryStatus status = copy.getStatus() == null ? new GitRepositoryStatus() : copy.getStatus();
                        var tracked = writer.track(copy, status);
                        if (who.equals("a")) {
                            status.observedGeneration = (long) i;
                        } else {
                            status.artifact = artifact("sha256:" + i);
                        }
                        tracked.write(status);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        GitRepositoryStatus stored = read("concurrent").getStatus();
        assertThat(stored.observedGeneration).isEqualTo(rounds);
        assertThat(stored.artifact.digest).isEqualTo("sha256:" + rounds);
    }

    private static Artifact artifact(String digest) {
        Artifact artifact = new Artifact();
        artifact.digest = digest;
        artifact.revision = "main@sha1:0000000000000000000000000000000000000000";
        artifact.path = "gitrepository/default/x/a.tar.gz";
        artifact.url = "http://artifacts/gitrepository/default/x/a.tar.gz";
        artifact.lastUpdateTime = "2026-01-01T00:00:00Z";
        return artifact;
    }
}
