package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.source.GitRepositoryRef;
import io.tributary.api.source.GitRepositoryVerification;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.git.GitAuth;
import io.tributary.fetcher.source.git.GitCheckoutPlan;
import io.tributary.fetcher.source.git.GitCloner;
import io.tributary.fetcher.source.git.GitTransport;
import io.tributary.fetcher.source.git.GitVerification;
import io.tributary.fetcher.source.git.SignatureVerifier;
import io.tributary.testsupport.GitServer;
import io.tributary.testsupport.SharedServers;
import io.tributary.testsupport.Signers;
import io.tributary.testsupport.SshKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed commits and tags made with real OpenPGP and SSH keys, verified the way {@code spec.verify} asks. */
class GitVerificationTest {

    private static final String REPO = "verify-" + Long.toString(System.nanoTime(), 36);
    private static final Signers.Pgp TRUSTED = new Signers.Pgp("Trusted <trusted@tributary.io>");
    private static final Signers.Pgp STRANGER = new Signers.Pgp("Stranger <stranger@example.com>");
    private static final KeyPair SSH_KEY = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
    private static final KeyPair SSH_ECDSA = SshKeys.generate(SshKeys.KeyPairProviderTypes.ECDSA);
    private static GitServer git;

    @TempDir
    Path dir;

    @BeforeAll
    static void repository() {
        git = SharedServers.git();
        git.createRepository(REPO);
        RevCommit pgp = git.commitSigned(REPO, Map.of("a", "1"), "pgp signed", TRUSTED);
        git.tag(REPO, "v1.0.0", pgp, TRUSTED);
        git.tag(REPO, "v1.0.1-stranger", pgp, STRANGER);
        git.tag(REPO, "v1.0.2-unsigned", pgp, null);
        git.lightweightTag(REPO, "v1.0.3-light", pgp);
        RevCommit ssh = git.commitSigned(REPO, Map.of("a", "2"), "ssh signed", Signers.ssh(SSH_KEY));
        git.tag(REPO, "v2.0.0", ssh, Signers.ssh(SSH_ECDSA));
        git.updateRef(REPO, "refs/heads/ssh", ssh);
        git.updateRef(REPO, "refs/heads/stranger", git.commitSigned(REPO, Map.of("a", "3"), "signed by a stranger", STRANGER));
        git.updateRef(REPO, "refs/heads/unsigned", git.commit(REPO, Map.of("a", "4"), "unsigned"));
        RevCommit tampered = git.commitSigned(REPO, Map.of("a", "5"), "tampered", payload -> TRUSTED.apply(
                new String(payload, java.nio.charset.StandardCharsets.UTF_8).replace("tampered", "original").getBytes()));
        git.updateRef(REPO, "refs/heads/tampered", tampered);
    }

    private static final SignatureVerifier KEYS = new SignatureVerifier(Map.of(
            "trusted.asc", TRUSTED.publicKeyArmored(),
            "signers.sshpub", "# team keys\n" + SshKeys.publicKey(SSH_KEY) + " dev@tributary\n" + SshKeys.publicKey(SSH_ECDSA) + "\n"));

    private String checkout(String branch, String tag, GitRepositoryVerification.Mode mode) throws FetchFailure {
        GitRepositoryRef ref = new GitRepositoryRef();
        ref.branch = branch;
        ref.tag = tag;
        GitRepositoryVerification verify = new GitRepositoryVerification();
        verify.mode = mode;
        String[] verified = new String[1];
        GitCloner.Options options = new GitCloner.Options(false, java.util.List.of(),
                (repository, commit, t) -> verified[0] = GitVerification.verify(KEYS, GitVerification.mode(verify), commit, t));
        try (GitTransport transport = new GitTransport(GitAuth.NONE, dir.resolve("home"))) {
            new GitCloner().checkout(git.url(REPO), GitCheckoutPlan.of(ref), transport, Duration.ofSeconds(20),
                    dir.resolve("t" + System.nanoTime()), options);
        }
        return verified[0];
    }

    private static UnaryOperator<Throwable> reason(String expected) {
        return e -> {
            assertThat(((FetchFailure) e).reason()).isEqualTo(expected);
            return e;
        };
    }

    @Test
    void aCommitSignedWithATrustedOpenPgpKeyVerifies() throws Exception {
        assertThat(checkout(null, "v1.0.0", GitRepositoryVerification.Mode.HEAD)).contains("with key '" + TRUSTED.keyId() + "'");
    }

    @Test
    void aTagAndItsCommitVerifyTogether() throws Exception {
        assertThat(checkout(null, "v1.0.0", GitRepositoryVerification.Mode.TAG_AND_HEAD))
                .startsWith("verified signature of tag 'v1.0.0' with key '" + TRUSTED.keyId() + "' and commit");
    }

    @Test
    void sshSignedCommitsAndTagsVerify() throws Exception {
        assertThat(checkout("ssh", null, GitRepositoryVerification.Mode.HEAD)).contains("SHA256:");
        assertThat(checkout(null, "v2.0.0", GitRepositoryVerification.Mode.TAG_AND_HEAD)).contains("tag 'v2.0.0'").contains(" and commit");
    }

    @Test
    void unsignedUnknownAndTamperedCommitsFail() {
        assertThatThrownBy(() -> checkout("unsigned", null, GitRepositoryVerification.Mode.HEAD))
                .isInstanceOf(GitVerification.Failure.class).hasMessageEndingWith("cannot be verified: not signed")
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("InvalidCommitSignature"));
        assertThatThrownBy(() -> checkout("stranger", null, GitRepositoryVerification.Mode.HEAD))
                .isInstanceOf(GitVerification.Failure.class).hasMessageContaining("signed by key " + STRANGER.keyId() + ", which is not in the secret");
        assertThatThrownBy(() -> checkout("tampered", null, GitRepositoryVerification.Mode.HEAD))
                .isInstanceOf(GitVerification.Failure.class).hasMessageContaining("does not match the content");
    }

    @Test
    void unsignedUnknownAndLightweightTagsFail() {
        assertThatThrownBy(() -> checkout(null, "v1.0.1-stranger", GitRepositoryVerification.Mode.TAG))
                .isInstanceOf(GitVerification.Failure.class).hasMessageContaining("which is not in the secret")
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("InvalidTagSignature"));
        assertThatThrownBy(() -> checkout(null, "v1.0.2-unsigned", GitRepositoryVerification.Mode.TAG))
                .isInstanceOf(GitVerification.Failure.class).hasMessageEndingWith("not signed");
        assertThatThrownBy(() -> checkout(null, "v1.0.3-light", GitRepositoryVerification.Mode.TAG))
                .isInstanceOf(GitVerification.Failure.class).hasMessageContaining("lightweight tag");
    }

    @Test
    void unreadableKeysAreNamed() {
        assertThatThrownBy(() -> new SignatureVerifier(Map.of("broken.asc", "not a key")))
                .hasMessage("key 'broken.asc' is not an armored OpenPGP public key");
        assertThatThrownBy(() -> new SignatureVerifier(Map.of("team.sshpub", "ssh-ed25519 !!!")))
                .hasMessage("key 'team.sshpub' has a line that is not an OpenSSH public key");
        assertThatThrownBy(() -> new SignatureVerifier(Map.of("README", "hello")))
                .hasMessage("no public keys found under '*.asc' or '*.sshpub' keys");
    }
}
