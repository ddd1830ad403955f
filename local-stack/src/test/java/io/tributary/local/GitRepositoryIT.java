package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositoryInclude;
import io.tributary.api.source.GitRepositoryRef;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.api.source.GitRepositoryVerification;
import io.tributary.testsupport.GitServer;
import io.tributary.testsupport.Signers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GitRepository end to end on the local stack: no-clone shortcut, deletion, include, verification, credentials, bad input. */
@org.junit.jupiter.api.extension.ExtendWith(SharedStack.class)
class GitRepositoryIT {

    private static final String NS = "git-it";
    private static LocalStack stack;
    private static GitServer git;
    private static GitServer guarded;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        stack.createNamespace(NS);
        git = stack.git();
        guarded = GitServer.start(Files.createTempDirectory("tributary-guarded-git"));
        guarded.requireBasic("flux", "c0rrect-horse");
    }

    @AfterAll
    static void stop() throws Exception {
        guarded.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private GitRepository create(String name, String url, Consumer<GitRepositorySpec> customise) {
        GitRepository repo = new GitRepository();
        repo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        GitRepositorySpec spec = new GitRepositorySpec();
        spec.url = url;
        spec.interval = "1h";
        spec.ref = new GitRepositoryRef();
        spec.ref.branch = "main";
        customise.accept(spec);
        repo.setSpec(spec);
        return stack.client().resources(GitRepository.class).inNamespace(NS).resource(repo).create();
    }

    private GitRepository get(String name) {
        return stack.client().resources(GitRepository.class).inNamespace(NS).withName(name).get();
    }

    private Optional<Condition> condition(String name, String type) {
        GitRepository repo = get(name);
        return repo == null || repo.getStatus() == null ? Optional.empty() : Conditions.find(repo.getStatus().conditions, type);
    }

    private void awaitCondition(String name, String type, String status, String reason) {
        stack.await(name + " " + type + "=" + status + "/" + reason, Duration.ofSeconds(60), () -> condition(name, type)
                .map(c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason()))).orElse(false));
    }

    private void awaitReady(String name) {
        stack.await(name + " Ready at its generation", Duration.ofSeconds(60), () -> {
            GitRepository repo = get(name);
            return repo != null && repo.getStatus() != null && repo.getMetadata().getGeneration().equals(repo.getStatus().observedGeneration)
                    && Conditions.isTrue(repo.getStatus().conditions, "Ready");
        });
    }

    private void requestReconcile(String name, String token) {
        stack.edit(GitRepository.class, NS, name, r -> {
                    r.getMetadata().getAnnotations().put(Annotations.REQUESTED_AT, token);
                    return r;
                });
        stack.await(name + " to handle " + token, Duration.ofSeconds(60), () -> token.equals(get(name).getStatus().lastHandledReconcileAt));
    }

    private HttpResponse<byte[]> download(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> entries(byte[] tarGz) throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void anUnchangedRevisionFinishesWithoutCloningAndAChangedIgnoreRebuilds() throws Exception {
        String repoName = unique("nochange");
        git.createRepository(repoName);
        git.commit(repoName, Map.of("deploy/app.yaml", "a: 1\n", "README.md", "docs\n"), "first");
        create("nochange", git.url(repoName), spec -> { });
        awaitReady("nochange");
        String digest = get("nochange").getStatus().artifact.digest;

        git.clearRequestLog();
        requestReconcile("nochange", "no-change-1");
        assertThat(git.requestLog()).anyMatch(line -> line.contains(repoName) && line.contains("info/refs"));
        assertThat(git.packsSent()).doesNotContain(repoName);
        assertThat(get("nochange").getStatus().artifact.digest).isEqualTo(digest);

        stack.edit(GitRepository.class, NS, "nochange", r -> {
            r.getSpec().ignore = "*.md\n";
            return r;
        });
        stack.await("the new ignore rules to be observed", Duration.ofSeconds(60),
                () -> "*.md\n".equals(get("nochange").getStatus().observedIgnore));
        awaitReady("nochange");
        assertThat(git.packsSent()).contains(repoName);
        GitRepository rebuilt = get("nochange");
        assertThat(rebuilt.getStatus().artifact.digest).isNotEqualTo(digest);
        assertThat(entries(download(rebuilt.getStatus().artifact.url).body())).contains("deploy/app.yaml").doesNotContain("README.md");
    }

    @Test
    void deletingASourceDeletesItsArtifacts() throws Exception {
        String repoName = unique("doomed");
        git.createRepository(repoName);
        git.commit(repoName, Map.of("a.yaml", "a\n"), "first");
        create("doomed", git.url(repoName), spec -> { });
        awaitReady("doomed");
        GitRepository repo = get("doomed");
        assertThat(repo.getMetadata().getFinalizers()).contains("finalizers.fluxcd.io");
        String url = repo.getStatus().artifact.url;
        assertThat(download(url).statusCode()).isEqualTo(200);

        stack.client().resources(GitRepository.class).inNamespace(NS).withName("doomed").delete();
        stack.await("doomed to be gone", Duration.ofSeconds(60), () -> get("doomed") == null);
        assertThat(download(url).statusCode()).isEqualTo(404);
    }

    @Test
    void includesCopyAnotherRepositorysArtifactOnceItExists() throws Exception {
        String app = unique("app");
        String lib = unique("lib");
        git.createRepository(app);
        git.commit(app, Map.of("app.yaml", "app\n"), "app");
        git.createRepository(lib);
        git.commit(lib, Map.of("lib/x.yaml", "x\n", "other.yaml", "o\n"), "lib");
        create("with-include", git.url(app), spec -> {
            GitRepositoryInclude include = new GitRepositoryInclude();
            include.repository = new LocalObjectReference("lib-src");
            include.fromPath = "lib";
            include.toPath = "vendor/lib";
            spec.include = List.of(include);
        });
        awaitCondition("with-include", "IncludeUnavailable", "True", "IncludeUnavailable");
        assertThat(condition("with-include", "Ready").orElseThrow().getMessage()).contains("'" + NS + "/lib-src' not found");

        create("lib-src", git.url(lib), spec -> { });
        awaitReady("lib-src");
        awaitReady("with-include");
        GitRepository withInclude = get("with-include");
        assertThat(withInclude.getStatus().includedArtifacts).hasSize(1);
        assertThat(withInclude.getStatus().includedArtifacts.get(0).digest).isEqualTo(get("lib-src").getStatus().artifact.digest);
        assertThat(entries(download(withInclude.getStatus().artifact.url).body()))
                .contains("app.yaml", "vendor/lib/x.yaml").doesNotContain("vendor/lib/other.yaml", "other.yaml");
        assertThat(condition("with-include", "IncludeUnavailable")).isEmpty();
    }

    @Test
    void onlyVerifiedCommitsBecomeArtifacts() throws Exception {
        Signers.Pgp key = new Signers.Pgp("Release Bot <bot@tributary.io>");
        String repoName = unique("signed");
        git.createRepository(repoName);
        RevCommit signed = git.commitSigned(repoName, Map.of("a.yaml", "a\n"), "signed", key);
        stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("pgp-keys").withNamespace(NS)
                .endMetadata().withStringData(Map.of("bot.asc", key.publicKeyArmored())).build()).create();
        create("signed", git.url(repoName), spec -> {
            spec.verify = new GitRepositoryVerification();
            spec.verify.mode = GitRepositoryVerification.Mode.HEAD;
            spec.verify.secretRef = new LocalObjectReference("pgp-keys");
        });
        awaitReady("signed");
        GitRepository verified = get("signed");
        assertThat(verified.getStatus().sourceVerificationMode).isEqualTo("HEAD");
        assertThat(Conditions.find(verified.getStatus().conditions, "SourceVerified").orElseThrow().getMessage())
                .contains(signed.name()).contains(key.keyId());

        RevCommit unsigned = git.commit(repoName, Map.of("a.yaml", "tampered\n"), "unsigned");
        requestReconcile("signed", "after-unsigned-push");
        awaitCondition("signed", "SourceVerified", "False", "InvalidCommitSignature");
        GitRepository refused = get("signed");
        assertThat(Conditions.find(refused.getStatus().conditions, "Ready").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(refused.getStatus().artifact.revision).isEqualTo("main@sha1:" + signed.name()).doesNotContain(unsigned.name());
    }

    @Test
    void wrongCredentialsKeepTheLastArtifactAndNoSecretLeaks() throws Exception {
        String repoName = unique("private");
        guarded.createRepository(repoName);
        guarded.commit(repoName, Map.of("a.yaml", "a\n"), "private");
        stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("git-creds").withNamespace(NS)
                .endMetadata().withStringData(Map.of("username", "flux", "password", "c0rrect-horse")).build()).create();
        create("private", guarded.url(repoName), spec -> spec.secretRef = new LocalObjectReference("git-creds"));
        awaitReady("private");
        String revision = get("private").getStatus().artifact.revision;

        stack.client().secrets().inNamespace(NS).withName("git-creds").edit(s -> new SecretBuilder(s).withData(null)
                .withStringData(Map.of("username", "flux", "password", "wr0ng-battery")).build());
        requestReconcile("private", "after-password-change");
        awaitCondition("private", "Ready", "False", "AuthenticationFailed");
        GitRepository failed = get("private");
        assertThat(failed.getStatus().artifact.revision).isEqualTo(revision);
        assertThat(download(failed.getStatus().artifact.url).statusCode()).isEqualTo(200);

        String leaky = "http://leaky-user:p4ssw0rd-in-url@127.0.0.1:" + guarded.port() + "/" + repoName + ".git?token=qu3ry-t0ken";
        create("leaky", leaky, spec -> { });
        awaitCondition("leaky", "Ready", "False", null);
        String everything = get("leaky").getStatus().conditions.toString() + get("private").getStatus().conditions
                + stack.client().v1().events().inNamespace(NS).list().getItems().stream().map(Event::getMessage).toList()
                + Files.readString(stack.logs().resolve("fetcher-service.log"));
        assertThat(everything).doesNotContain("p4ssw0rd-in-url").doesNotContain("qu3ry-t0ken").doesNotContain("wr0ng-battery")
                .doesNotContain("c0rrect-horse");
    }

    @Test
    void badInputStallsOrFailsPreciselyWithoutHarmingOthers() throws Exception {
        String healthyRepo = unique("healthy");
        git.createRepository(healthyRepo);
        git.commit(healthyRepo, Map.of("a.yaml", "a\n"), "a");
        create("healthy", git.url(healthyRepo), spec -> { });

        ApiRefusal.assertRefused(() -> create("ftp", "ftp://127.0.0.1/repo.git", spec -> { }), "spec.url");
        ApiRefusal.assertRefused(() -> create("empty-url", "", spec -> { }), "spec.url");
        create("bad-semver", git.url(healthyRepo), spec -> spec.ref.semver = ">= one.two");
        String emptyRepo = unique("empty");
        git.createRepository(emptyRepo);
        create("empty-repo", git.url(emptyRepo), spec -> { });
        create("no-branch", git.url(healthyRepo), spec -> spec.ref.branch = "nope");
        String hugeRepo = unique("huge");
        git.createRepository(hugeRepo);
        git.commit(hugeRepo, Map.of("big.bin", "x".repeat((int) SharedStack.MAX_ENTRY_BYTES + 1), "small.yaml", "s\n"), "huge");
        create("huge", git.url(hugeRepo), spec -> { });

        assertThat(get("ftp")).isNull();
        assertThat(get("empty-url")).isNull();
        awaitCondition("bad-semver", "Stalled", "True", null);
        assertThat(condition("bad-semver", "Ready").orElseThrow().getMessage()).startsWith("spec.ref.semver: improper constraint: '>= one.two': 'one.two' is not a version");
        awaitCondition("empty-repo", "Ready", "False", "GitOperationFailed");
        assertThat(condition("empty-repo", "Ready").orElseThrow().getMessage()).isEqualTo("remote has no ref 'refs/heads/main': the repository is empty");
        awaitCondition("no-branch", "Ready", "False", "GitOperationFailed");
        assertThat(condition("no-branch", "Ready").orElseThrow().getMessage()).contains("remote has no ref 'refs/heads/nope' (branches: [main])");
        awaitCondition("huge", "Ready", "False", null);
        assertThat(condition("huge", "Ready").orElseThrow().getMessage()).contains("big.bin").contains("over the limit of " + SharedStack.MAX_ENTRY_BYTES);

        awaitReady("healthy");
        assertThat(get("healthy").getStatus().artifact.revision).startsWith("main@sha1:");
    }
}
