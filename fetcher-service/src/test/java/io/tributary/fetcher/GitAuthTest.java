package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.source.GitRepositoryRef;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.git.GitAuth;
import io.tributary.fetcher.source.git.GitCheckoutPlan;
import io.tributary.fetcher.source.git.GitCloner;
import io.tributary.fetcher.source.git.GitSecrets;
import io.tributary.fetcher.source.git.GitTransport;
import io.tributary.testsupport.ConnectProxy;
import io.tributary.testsupport.GitServer;
import io.tributary.testsupport.SshGitServer;
import io.tributary.testsupport.SshKeys;
import io.tributary.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every authentication method against real servers on loopback: HTTPS (own CA, client certificates), basic, bearer, SSH, proxy. */
class GitAuthTest {

    private static final String REPO = "auth";
    private static final TestPki PKI = TestPki.create("tributary-test-ca");
    private static final TestPki OTHER_PKI = TestPki.create("someone-else");

    @TempDir
    static Path servers;
    @TempDir
    Path dir;

    private static GitServer mtls;
    private static GitServer https;
    private static GitServer basic;
    private static SshGitServer ssh;
    private static KeyPair hostKey;
    private static RevCommit head;

    private final GitCloner cloner = new GitCloner();

    @BeforeAll
    static void start() throws Exception {
        mtls = GitServer.startHttps(servers.resolve("mtls"), PKI, true);
        head = seed(mtls);
        https = GitServer.startHttps(servers.resolve("https"), PKI, false);
        seed(https);
        https.requireBasic("flux", "s3cret-pass");
        basic = GitServer.start(servers.resolve("plain"));
        seed(basic);
        hostKey = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        ssh = SshGitServer.start(hostKey, mtls::resolve);
    }

    private static RevCommit seed(GitServer server) {
        server.createRepository(REPO);
        return server.commit(REPO, Map.of("app.yaml", "auth: true\n"), "auth");
    }

    @AfterAll
    static void stop() throws Exception {
        ssh.close();
        mtls.close();
        https.close();
        basic.close();
    }

    private static Secret secret(Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ns").endMetadata().withStringData(data).build();
    }

    private GitCloner.Checkout checkout(String url, GitAuth auth) throws FetchFailure {
        GitRepositoryRef ref = new GitRepositoryRef();
        ref.branch = "main";
        try (GitTransport transport = new GitTransport(auth, dir.resolve("home"))) {
            return cloner.checkout(url, GitCheckoutPlan.of(ref), transport, Duration.ofSeconds(20),
                    dir.resolve("tree-" + System.nanoTime()), GitCloner.Options.DEFAULT);
        }
    }

    private GitCloner.Checkout checkout(String url, Map<String, String> secretData) throws FetchFailure {
        return checkout(url, GitSecrets.resolve(url, "ns", "creds", secret(secretData)));
    }

    @Test
    void httpsWithACustomCaAndAClientCertificate() throws Exception {
        GitCloner.Checkout checkout = checkout(mtls.url(REPO),
                Map.of("ca.crt", PKI.caPem(), "tls.crt", PKI.clientCertPem(), "tls.key", PKI.clientKeyPem()));
        assertThat(checkout.revision()).isEqualTo("main@sha1:" + head.name());
    }

    @Test
    void httpsFailsWithoutTheClientCertificateOrWithAnotherCa() {
        assertThatThrownBy(() -> checkout(mtls.url(REPO), Map.of("ca.crt", PKI.caPem())))
                .isInstanceOf(FetchFailure.class)
                .hasMessageContaining("bad_certificate")
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"));
        assertThatThrownBy(() -> checkout(mtls.url(REPO),
                Map.of("ca.crt", OTHER_PKI.caPem(), "tls.crt", PKI.clientCertPem(), "tls.key", PKI.clientKeyPem())))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"));
        assertThatThrownBy(() -> checkout(mtls.url(REPO), GitAuth.NONE))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"));
    }

    @Test
    void basicAuthOverHttpsWithACustomCa() throws Exception {
        assertThat(checkout(https.url(REPO), Map.of("username", "flux", "password", "s3cret-pass", "ca.crt", PKI.caPem())).commit())
                .isEqualTo(https.repository(REPO).getRepository().resolve("main").name());
        assertThatThrownBy(() -> checkout(https.url(REPO), Map.of("username", "flux", "password", "wrong", "ca.crt", PKI.caPem())))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain("s3cret"));
    }

    @Test
    void bearerToken() throws Exception {
        basic.requireBearer("tok-123");
        try {
            assertThat(checkout(basic.url(REPO), Map.of("bearerToken", "tok-123")).revision()).startsWith("main@sha1:");
            assertThatThrownBy(() -> checkout(basic.url(REPO), Map.of("bearerToken", "tok-456")))
                    .isInstanceOf(FetchFailure.class)
                    .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-456"));
        } finally {
            basic.allowAnonymous();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SshKeys.KeyPairProviderTypes.RSA, SshKeys.KeyPairProviderTypes.ECDSA, SshKeys.KeyPairProviderTypes.ED25519})
    void sshWithEachKeyType(String type) throws Exception {
        KeyPair user = SshKeys.generate(type);
        ssh.authorize(user.getPublic());
        GitCloner.Checkout checkout = checkout(ssh.url(REPO), Map.of("identity", SshKeys.privateKey(user, null), "known_hosts", ssh.knownHostsLine()));
        assertThat(checkout.revision()).isEqualTo("main@sha1:" + head.name());
    }

    @Test
    void sshWithAnEncryptedKeyAndItsPassword() throws Exception {
        KeyPair user = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        ssh.authorize(user.getPublic());
        String encrypted = SshKeys.privateKey(user, "key-pass");
        assertThat(checkout(ssh.url(REPO), Map.of("identity", encrypted, "password", "key-pass", "known_hosts", ssh.knownHostsLine())).commit())
                .isEqualTo(head.name());
        assertThatThrownBy(() -> GitSecrets.resolve(ssh.url(REPO), "ns", "creds",
                secret(Map.of("identity", encrypted, "known_hosts", ssh.knownHostsLine()))))
                .isInstanceOf(FetchFailure.class)
                .hasMessageStartingWith("secret 'ns/creds': key 'identity' cannot be read (an encrypted key needs key 'password')");
        assertThatThrownBy(() -> GitSecrets.resolve(ssh.url(REPO), "ns", "creds",
                secret(Map.of("identity", encrypted, "password", "nope", "known_hosts", ssh.knownHostsLine()))))
                .isInstanceOf(FetchFailure.class)
                .hasMessageStartingWith("secret 'ns/creds': key 'identity' cannot be read with the given 'password'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("nope"));
    }

    @Test
    void anSshHostKeyNotInKnownHostsIsRefused() {
        KeyPair user = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        ssh.authorize(user.getPublic());
        KeyPair impostor = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        String wrongKnownHosts = "[127.0.0.1]:" + ssh.port() + " " + SshKeys.publicKey(impostor);
        assertThatThrownBy(() -> checkout(ssh.url(REPO), Map.of("identity", SshKeys.privateKey(user, null), "known_hosts", wrongKnownHosts)))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"));
        String otherHost = "[127.0.0.2]:" + ssh.port() + " " + SshKeys.publicKey(hostKey);
        assertThatThrownBy(() -> checkout(ssh.url(REPO), Map.of("identity", SshKeys.privateKey(user, null), "known_hosts", otherHost)))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"));
    }

    @Test
    void anSshKeyTheServerDoesNotKnowIsRefused() {
        KeyPair stranger = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        assertThatThrownBy(() -> checkout(ssh.url(REPO), Map.of("identity", SshKeys.privateKey(stranger, null), "known_hosts", ssh.knownHostsLine())))
                .isInstanceOf(FetchFailure.class)
                .satisfies(e -> assertThat(((FetchFailure) e).reason()).isEqualTo("AuthenticationFailed"));
    }

    @Test
    void httpsThroughAnAuthenticatingConnectProxy() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.start("proxy-user", "proxy-pass")) {
            Secret proxySecret = secret(Map.of("address", proxy.address(), "username", "proxy-user", "password", "proxy-pass"));
            GitAuth auth = GitSecrets.resolve(https.url(REPO), "ns", "creds",
                    secret(Map.of("username", "flux", "password", "s3cret-pass", "ca.crt", PKI.caPem())))
                    .withProxy(GitSecrets.proxy("ns", "proxy", proxySecret));
            assertThat(checkout(https.url(REPO), auth).revision()).startsWith("main@sha1:");
            assertThat(proxy.tunnels()).contains("127.0.0.1:" + https.port());

            GitAuth wrong = auth.withProxy(GitSecrets.proxy("ns", "proxy",
                    secret(Map.of("address", proxy.address(), "username", "proxy-user", "password", "bad"))));
            assertThatThrownBy(() -> checkout(https.url(REPO), wrong)).isInstanceOf(FetchFailure.class);
        }
    }

    @Test
    void secretsAreCheckedKeyByKey() throws Exception {
        String url = basic.url(REPO);
        assertThatThrownBy(() -> GitSecrets.resolve(url, "ns", "creds", null)).hasMessage("secret 'ns/creds' not found");
        assertThatThrownBy(() -> GitSecrets.resolve(url, "ns", "creds", secret(Map.of("username", "u", "password", "p", "bearerToken", "t"))))
                .hasMessage("secret 'ns/creds': set either keys 'username'/'password' or key 'bearerToken', not both");
        assertThatThrownBy(() -> GitSecrets.resolve(url, "ns", "creds", secret(Map.of("password", "p"))))
                .hasMessage("secret 'ns/creds': key 'password' requires key 'username'");
        assertThatThrownBy(() -> GitSecrets.resolve("https://example.com/r.git", "ns", "creds", secret(Map.of("tls.crt", PKI.clientCertPem()))))
                .hasMessage("secret 'ns/creds': key 'tls.crt' requires key 'tls.key'");
        assertThatThrownBy(() -> GitSecrets.resolve("https://example.com/r.git", "ns", "creds", secret(Map.of("ca.crt", "garbage"))))
                .hasMessageStartingWith("secret 'ns/creds': key 'ca.crt':");
        assertThatThrownBy(() -> GitSecrets.resolve("ssh://git@example.com/r.git", "ns", "creds", secret(Map.of("known_hosts", "x"))))
                .hasMessage("secret 'ns/creds': key 'identity' is missing");
        KeyPair user = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        assertThatThrownBy(() -> GitSecrets.resolve("ssh://git@example.com/r.git", "ns", "creds",
                secret(Map.of("identity", SshKeys.privateKey(user, null)))))
                .hasMessage("secret 'ns/creds': key 'known_hosts' is missing");
        assertThatThrownBy(() -> GitSecrets.resolve("ssh://git@example.com/r.git", "ns", null, null))
                .hasMessageStartingWith("spec.secretRef: an ssh:// URL needs a secret");
        assertThatThrownBy(() -> GitSecrets.proxy("ns", "proxy", secret(Map.of("username", "u"))))
                .hasMessage("proxy secret 'ns/proxy': key 'address' is missing");
        assertThat(GitSecrets.resolve(url, "ns", "creds", secret(Map.of("username", "u", "password", "p"))).toString())
                .isEqualTo("GitAuth[basic]").doesNotContain("p\"");
    }

    @Test
    void noCredentialFileIsLeftBehind() throws Exception {
        KeyPair user = SshKeys.generate(SshKeys.KeyPairProviderTypes.ED25519);
        ssh.authorize(user.getPublic());
        checkout(ssh.url(REPO), Map.of("identity", SshKeys.privateKey(user, null), "known_hosts", ssh.knownHostsLine()));
        if (Files.exists(dir.resolve("home"))) {
            try (var files = Files.walk(dir.resolve("home"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            }
        }
    }
}
