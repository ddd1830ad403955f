package io.tributary.fetcher;

import static io.tributary.fetcher.GitCheckoutPlanTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.source.GitRepositoryRef;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.git.GitAuth;
import io.tributary.fetcher.source.git.GitCheckoutPlan;
import io.tributary.fetcher.source.git.GitCloner;
import io.tributary.fetcher.source.git.GitTransport;
import io.tributary.testsupport.GitServer;
import io.tributary.testsupport.SharedServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkouts against a real JGit smart-HTTP server on loopback. */
class GitClonerTest {

    private static final String REPO = "cloner-" + Long.toString(System.nanoTime(), 36);
    private static final String SEMVER = REPO + "-semver";
    private static GitServer git;
    private static RevCommit first;
    private static RevCommit second;
    private static RevCommit pull;
    private static RevCommit newest;

    private final GitCloner cloner = new GitCloner();
    private GitTransport transport;

    @TempDir
    Path dir;

    @BeforeAll
    static void repository() throws Exception {
        git = SharedServers.git();
        git.createRepository(REPO);
        first = git.commit(REPO, Map.of("app.yaml", "v: 1\n"), "first");
        git.repository(REPO).tag().setName("v1.0.0").setObjectId(first).setAnnotated(true).setMessage("release").setSigned(false).call();
        second = git.commit(REPO, Map.of("app.yaml", "v: 2\n", "deploy/a.yaml", "a\n", "docs/readme.md", "docs\n"), "second");
        git.repository(REPO).branchCreate().setName("feature").call();
        git.repository(REPO).checkout().setName("feature").call();
        pull = git.commit(REPO, Map.of("app.yaml", "v: 3\n"), "pull request");
        git.updateRef(REPO, "refs/pull/1/head", pull);
        git.repository(REPO).checkout().setName("main").call();

        git.createRepository(SEMVER);
        RevCommit c1 = git.commit(SEMVER, Map.of("v", "1.0.0"), "1.0.0");
        git.tag(SEMVER, "v1.0.0", c1, null);
        RevCommit c2 = git.commit(SEMVER, Map.of("v", "1.2.0 older"), "1.2.0 older");
        git.lightweightTag(SEMVER, "1.2.0", c2);
        Thread.sleep(1100); // commit times have one-second resolution
        newest = git.commit(SEMVER, Map.of("v", "1.2.0 newer"), "1.2.0 newer");
        git.tag(SEMVER, "v1.2.0", newest, null);
        RevCommit c4 = git.commit(SEMVER, Map.of("v", "2.0.0-rc.1"), "rc");
        git.lightweightTag(SEMVER, "v2.0.0-rc.1", c4);
        RevCommit c5 = git.commit(SEMVER, Map.of("v", "1.10.0"), "1.10.0");
        git.lightweightTag(SEMVER, "1.10.0", c5);
        git.lightweightTag(SEMVER, "not-a-version", c5);
    }

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    private GitTransport none() {
        transport = new GitTransport(GitAuth.NONE, dir.resolve("home"));
        return transport;
    }

    private GitCloner.Checkout checkout(GitRepositoryRef ref) throws FetchFailure {
        return checkout(REPO, ref, GitCloner.Options.DEFAULT, "tree");
    }

    private GitCloner.Checkout checkout(String repo, GitRepositoryRef ref, GitCloner.Options options, String into) throws FetchFailure {
        return cloner.checkout(git.url(repo), GitCheckoutPlan.of(ref), none(), Duration.ofSeconds(30), dir.resolve(into), options);
    }

    private static GitRepositoryRef semver(String constraint) {
        GitRepositoryRef ref = new GitRepositoryRef();
        ref.semver = constraint;
        return ref;
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
        GitCloner.Checkout onBranch = checkout(REPO, ref("main", null, null, first.name()), GitCloner.Options.DEFAULT, "other");
        assertThat(onBranch.revision()).isEqualTo("main@sha1:" + first.name());
    }

    @Test
    void checksOutAFullRefName() throws Exception {
        assertThat(checkout(ref(null, null, "refs/pull/1/head", null)).revision()).isEqualTo("refs/pull/1/head@sha1:" + pull.name());
    }

    @Test
    void semverPicksTheHighestStableTagAndTheNewestCommitAmongEqualVersions() throws Exception {
        GitCloner.Checkout latest = checkout(SEMVER, semver(">=1.0.0 <1.5.0"), GitCloner.Options.DEFAULT, "a");
        assertThat(latest.revision()).isEqualTo("v1.2.0@sha1:" + newest.name());
        assertThat(Files.readString(dir.resolve("a/v"))).isEqualTo("1.2.0 newer");
        assertThat(checkout(SEMVER, semver("*"), GitCloner.Options.DEFAULT, "b").revision()).startsWith("1.10.0@sha1:");
        assertThat(checkout(SEMVER, semver(">=2.0.0-0"), GitCloner.Options.DEFAULT, "c").revision()).startsWith("v2.0.0-rc.1@sha1:");
        assertThat(checkout(SEMVER, semver("~1.0"), GitCloner.Options.DEFAULT, "d").revision()).startsWith("v1.0.0@sha1:");
        assertThatThrownBy(() -> checkout(SEMVER, semver("3.x"), GitCloner.Options.DEFAULT, "e"))
                .isInstanceOf(FetchFailure.class).hasMessage("no tag matches semver constraint '3.x'");
    }

    @Test
    void sparseCheckoutWritesOnlyTheListedDirectories() throws Exception {
        checkout(REPO, ref("main", null, null, null), new GitCloner.Options(false, List.of("deploy/"), GitCloner.Options.DEFAULT.verifier()), "sparse");
        assertThat(dir.resolve("sparse/deploy/a.yaml")).exists();
        assertThat(dir.resolve("sparse/app.yaml")).doesNotExist();
        assertThat(dir.resolve("sparse/docs")).doesNotExist();
        assertThatThrownBy(() -> checkout(REPO, ref("main", null, null, null),
                new GitCloner.Options(false, List.of("missing/dir"), GitCloner.Options.DEFAULT.verifier()), "sparse2"))
                .isInstanceOf(FetchFailure.class)
                .hasMessage("spec.sparseCheckout: path 'missing/dir' does not exist in commit '" + second.name() + "'");
    }

    @Test
    void remoteRevisionListsRefsWithoutCloning() throws Exception {
        git.clearRequestLog();
        assertThat(cloner.remoteRevision(git.url(REPO), GitCheckoutPlan.of(ref("main", null, null, null)), none(), Duration.ofSeconds(10)))
                .isEqualTo("main@sha1:" + second.name());
        assertThat(cloner.remoteRevision(git.url(REPO), GitCheckoutPlan.of(ref(null, "v1.0.0", null, null)), transport, Duration.ofSeconds(10)))
                .isEqualTo("v1.0.0@sha1:" + first.name());
        assertThat(cloner.remoteRevision(git.url(REPO), GitCheckoutPlan.of(ref("gone", null, null, null)), transport, Duration.ofSeconds(10)))
                .isNull();
        assertThat(git.requestLog()).filteredOn(line -> line.contains(REPO)).isNotEmpty();
        assertThat(git.packsSent()).doesNotContain(REPO);
    }

    @Test
    void anEmptyRepositoryFailsWithAClearMessage() {
        String empty = REPO + "-empty";
        git.createRepository(empty);
        assertThatThrownBy(() -> checkout(empty, ref("main", null, null, null), GitCloner.Options.DEFAULT, "empty"))
                .isInstanceOf(FetchFailure.class)
                .hasMessage("remote has no ref 'refs/heads/main': the repository is empty");
    }

    @Test
    void aHangingServerIsCutOffAtTheTimeout() {
        String slow = REPO + "-slow";
        GitServer hanging;
        try {
            hanging = GitServer.start(dir.resolve("slow-server"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (hanging) {
            hanging.createRepository(slow);
            hanging.commit(slow, Map.of("a", "b"), "one");
            hanging.hang(Duration.ofSeconds(20));
            // the server would answer after 20 s; the fetch fails on the 1 s timeout instead
            assertThatThrownBy(() -> cloner.checkout(hanging.url(slow), GitCheckoutPlan.of(ref("main", null, null, null)), none(),
                    Duration.ofSeconds(1), dir.resolve("slow"), GitCloner.Options.DEFAULT))
                    .isInstanceOf(FetchFailure.class)
                    .hasMessageStartingWith("git operation timed out after 1s (spec.timeout)");
            hanging.hang(Duration.ZERO);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void submodulesAreCheckedOutOnlyWhenAsked() throws Exception {
        String lib = REPO + "-lib";
        String app = REPO + "-app";
        git.createRepository(lib);
        git.commit(lib, Map.of("lib.txt", "library\n"), "lib");
        git.createRepository(app);
        git.commit(app, Map.of("main.txt", "app\n"), "app");
        git.repository(app).submoduleAdd().setPath("vendor/lib").setURI(git.url(lib)).call().close();
        git.repository(app).commit().setMessage("add submodule").setSign(false).call();

        checkout(app, ref("main", null, null, null), GitCloner.Options.DEFAULT, "flat");
        assertThat(dir.resolve("flat/vendor/lib/lib.txt")).doesNotExist();
        checkout(app, ref("main", null, null, null), new GitCloner.Options(true, List.of(), GitCloner.Options.DEFAULT.verifier()), "deep");
        assertThat(dir.resolve("deep/vendor/lib/lib.txt")).hasContent("library");
    }

    @Test
    void aMissingBranchFailsWithAClearMessage() {
        assertThatThrownBy(() -> checkout(ref("does-not-exist", null, null, null)))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining("does-not-exist")
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("GitOperationFailed"));
    }

    @Test
    void anUnreachableServerIsAGitFailureEvenWhenItsPortReadsLikeAnAuthStatus() throws Exception {
        // a port such as 34013 or 40301 holds "401" or "403"; nothing listens there, which is no authentication problem
        int port = java.util.stream.IntStream.of(34013, 34014, 34015, 40301, 40302, 24017).filter(p -> {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                return true;
            } catch (java.io.IOException taken) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThatThrownBy(() -> cloner.checkout("http://127.0.0.1:" + port + "/nothing.git", GitCheckoutPlan.of(ref("main", null, null, null)),
                none(), Duration.ofSeconds(30), dir.resolve("unreachable"), GitCloner.Options.DEFAULT))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining("127.0.0.1:" + port)
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
        GitAuth basic = new GitAuth("user", "hunter2", null, null, List.of(), null, null);
        transport = new GitTransport(basic, dir.resolve("home"));
        assertThatThrownBy(() -> cloner.checkout(url, GitCheckoutPlan.of(ref("main", null, null, null)), transport,
                Duration.ofSeconds(5), dir.resolve("x"), GitCloner.Options.DEFAULT))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("t0ps3cret"));
    }

    @Test
    void anUnknownRepositoryFails() {
        assertThatThrownBy(() -> checkout("nope", ref("main", null, null, null), GitCloner.Options.DEFAULT, "y"))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining("failed to checkout");
    }
}
