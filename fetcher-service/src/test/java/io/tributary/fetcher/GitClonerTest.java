package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.fetcher.GitCheckoutPlanTest.ref;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.source.GitRepositoryRef;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.git.GitCheckoutPlan;
import io.tributary.fetcher.source.git.GitCloner;
import io.tributary.fetcher.source.git.GitCredentials;
import io.tributary.testsupport.GitServer;
import io.tributary.testsupport.SharedServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkouts against a real JGit smart-HTTP server on loopback. */
class GitClonerTest {

    private static final String REPO = "cloner-" + Long.toString(System.nanoTime(), 36);
    private static GitServer git;
    private static RevCommit first;
    private static RevCommit second;
    private static RevCommit pull;

    private final GitCloner cloner = new GitCloner();

    @TempDir
    Path dir;

    @BeforeAll
    static void repository() throws Exception {
        git = SharedServers.git();
        git.createRepository(REPO);
        first = git.commit(REPO, Map.of("app.yaml", "v: 1\n"), "first");
        git.repository(REPO).tag().setName("v1.0.0").setObjectId(first).setAnnotated(true).setMessage("release").setSigned(false).call();
        second = git.commit(REPO, Map.of("app.yaml", "v: 2\n"), "second");
        git.repository(REPO).branchCreate().setName("feature").call();
        git.repository(REPO).checkout().setName("feature").call();
        pull = git.commit(REPO, Map.of("app.yaml", "v: 3\n"), "pull request");
        RefUpdate update = git.repository(REPO).getRepository().updateRef("refs/pull/1/head");
        update.setNewObjectId(pull);
        update.forceUpdate();
        git.repository(REPO).checkout().setName("main").call();
    }


    private GitCloner.Checkout checkout(GitRepositoryRef ref) throws FetchFailure {
        return cloner.checkout(git.url(REPO), GitCheckoutPlan.of(ref), GitCredentials.NONE, Duration.ofSeconds(30), dir.resolve("tree"));
    }

    @Test
    void checksOutTheHeadOfABranch() throws Exception {
        GitCloner.Checkout checkout = checkout(ref("main", null, null, null));
        assertThat(checkout.revision()).isEqualTo("main@sha1:" + second.name());
        assertThat(Files.readString(dir.resolve("tree/app.yaml"))).isEqualTo("v: 2\n");
    }

    @Test
    void checksOutTheCommitAnAnnotatedTagPointsAt() throws Exception {
        GitCloner.Checkout checkout = checkout(ref(null, "v1.0.0", null, null));
        assertThat(checkout.revision()).isEqualTo("v1.0.0@sha1:" + first.name());
        assertThat(Files.readString(dir.resolve("tree/app.yaml"))).isEqualTo("v: 1\n");
    }

    @Test
    void checksOutAPinnedCommitAloneOrOnItsBranch() throws Exception {
        assertThat(checkout(ref(null, null, null, first.name())).revision()).isEqualTo("sha1:" + first.name());
        assertThat(Files.readString(dir.resolve("tree/app.yaml"))).isEqualTo("v: 1\n");
        GitCloner.Checkout onBranch = cloner.checkout(git.url(REPO), GitCheckoutPlan.of(ref("main", null, null, first.name())),
                GitCredentials.NONE, Duration.ofSeconds(30), dir.resolve("other"));
        assertThat(onBranch.revision()).isEqualTo("main@sha1:" + first.name());
    }

    @Test
    void checksOutAFullRefName() throws Exception {
        assertThat(checkout(ref(null, null, "refs/pull/1/head", null)).revision()).isEqualTo("refs/pull/1/head@sha1:" + pull.name());
    }

    @Test
    void aMissingBranchFailsWithAClearMessage() {
        assertThatThrownBy(() -> checkout(ref("does-not-exist", null, null, null)))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining("does-not-exist")
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("GitOperationFailed"));
    }

    @Test
    void aCommitNotOnTheBranchFails() {
        assertThatThrownBy(() -> checkout(ref("main", null, null, pull.name())))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining(pull.name());
    }

    @Test
    void anUnreachableHostFailsWithoutLeakingCredentials() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://user:hunter2@127.0.0.1:" + closedPort + "/repo.git?token=t0ps3cret";
        assertThatThrownBy(() -> cloner.checkout(url, GitCheckoutPlan.of(ref("main", null, null, null)),
                new GitCredentials("user", "hunter2", null), Duration.ofSeconds(5), dir.resolve("x")))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("t0ps3cret"));
    }

    @Test
    void anUnknownRepositoryFails() {
        assertThatThrownBy(() -> cloner.checkout(git.url("nope"), GitCheckoutPlan.of(ref("main", null, null, null)),
                GitCredentials.NONE, Duration.ofSeconds(10), dir.resolve("y")))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining("failed to checkout");
    }
}
