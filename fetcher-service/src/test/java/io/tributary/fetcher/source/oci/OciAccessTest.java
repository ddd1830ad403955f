package io.tributary.fetcher.source.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.LocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.testsupport.ConnectProxy;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How an OCIRepository reaches its registry, on a real API server and a real registry: {@code proxySecretRef} (a CONNECT
 * proxy demanding Basic credentials), {@code serviceAccountName} (the account's image pull secrets), and registries
 * that answer 429 or 5xx.
 */
class OciAccessTest {

    private static final String NS = "oci-access";
    static KubernetesClient kube;
    static OciRegistry registry;
    static String repository;
    static OCIRepositoryFetcher fetcher;
    static ConnectProxy proxy;
    static HttpServer failing;

    @BeforeAll
    static void start() throws Exception {
        kube = SharedServers.controlPlane().client();
        if (kube.namespaces().withName(NS).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        }
        registry = SharedServers.ociRegistry();
        repository = "access/" + UUID.randomUUID().toString().substring(0, 8);
        registry.pushArtifact(repository, "latest", new OciRegistry.Blob("application/vnd.cncf.flux.config.v1+json",
                "{}".getBytes(StandardCharsets.UTF_8)), List.of(new OciRegistry.Blob("application/vnd.cncf.flux.content.v1.tar+gzip",
                HelmRepoServer.tgz(Map.of()))));
        proxy = ConnectProxy.start("proxy-user", "proxy-pass");
        secret("registry-auth", Map.of(".dockerconfigjson", registry.dockerConfigJson(OciRegistry.USER, registry.password())));
        secret("other-registry", Map.of(".dockerconfigjson", registry.dockerConfigJson(OciRegistry.USER, registry.password())
                .replace(registry.host(), "registry.example.com")));
        secret("registry-ca", Map.of("ca.crt", registry.pki().caPem()));
        secret("proxy", Map.of("address", proxy.address(), "username", "proxy-user", "password", "proxy-pass"));
        secret("proxy-no-address", Map.of("username", "proxy-user", "password", "proxy-pass"));
        kube.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName("puller").endMetadata()
                .withImagePullSecrets(new LocalObjectReferenceBuilder().withName("other-registry").build(),
                        new LocalObjectReferenceBuilder().withName("registry-auth").build()).build()).createOr(r -> r.update());
        fetcher = new OCIRepositoryFetcher();
        fetcher.client = kube;
        failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failing.createContext("/v2/busy/", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "30");
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        failing.createContext("/v2/broken/", exchange -> {
            byte[] body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"backend down\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        failing.stop(0);
    }

    private static void secret(String name, Map<String, String> data) {
        kube.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().withStringData(data)
                .build()).createOr(r -> r.update());
    }

    private static OCIRepositorySpec spec() {
        OCIRepositorySpec spec = new OCIRepositorySpec();
        spec.url = registry.url(repository);
        spec.interval = "1m";
        spec.certSecretRef = new io.tributary.api.meta.LocalObjectReference("registry-ca");
        return spec;
    }

    @Test
    void aProxySecretSendsEveryRequestThroughTheProxyWithItsCredentials() throws Exception {
        OCIRepositorySpec spec = spec();
        spec.secretRef = new io.tributary.api.meta.LocalObjectReference("registry-auth");
        spec.proxySecretRef = new io.tributary.api.meta.LocalObjectReference("proxy");
        RegistryClient client = fetcher.registry(NS, spec);
        assertThat(client.headDigest("latest")).isPresent();
        assertThat(client.tags()).contains("latest");
        assertThat(proxy.tunnels()).contains(registry.host());
    }

    @Test
    void behindAProxyRefusedRegistryCredentialsAreStillAnAuthenticationFailure() throws Exception {
        secret("wrong-auth", Map.of(".dockerconfigjson", registry.dockerConfigJson(OciRegistry.USER, "not-the-password")));
        OCIRepositorySpec spec = spec();
        spec.proxySecretRef = new io.tributary.api.meta.LocalObjectReference("proxy");
        spec.secretRef = new io.tributary.api.meta.LocalObjectReference("wrong-auth");
        assertThatThrownBy(() -> fetcher.registry(NS, spec).tags()).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(f.getMessage()).contains("401").doesNotContain("not-the-password").doesNotContain("proxy-pass");
        });
        spec.secretRef = null;
        assertThatThrownBy(() -> fetcher.registry(NS, spec).tags()).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(f.getMessage()).contains("spec.secretRef");
        });
    }

    @Test
    void aProxySecretWithoutAnAddressIsNamed() {
        OCIRepositorySpec spec = spec();
        spec.proxySecretRef = new io.tributary.api.meta.LocalObjectReference("proxy-no-address");
        assertThatThrownBy(() -> fetcher.registry(NS, spec)).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.getMessage()).isEqualTo("spec.proxySecretRef: secret 'oci-access/proxy-no-address': key 'address' must be an"
                    + " http:// URL with a host");
            assertThat(f.getMessage()).doesNotContain("proxy-pass");
        });
    }

    @Test
    void theServiceAccountsPullSecretForTheRegistryIsUsed() throws Exception {
        OCIRepositorySpec spec = spec();
        spec.serviceAccountName = "puller";
        assertThat(fetcher.registry(NS, spec).tags()).contains("latest");
        spec.serviceAccountName = "nobody";
        assertThatThrownBy(() -> fetcher.registry(NS, spec)).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(f.getMessage()).isEqualTo("spec.serviceAccountName: service account 'oci-access/nobody' not found");
        });
    }

    @Test
    void registriesAnswering429Or5xxAreRetryableFailuresNamingTheAnswer() {
        String host = "127.0.0.1:" + failing.getAddress().getPort();
        RegistryClient busy = new RegistryClient(OciUrl.parse("oci://" + host + "/busy/app"), true, null, null, Duration.ofSeconds(5));
        assertThatThrownBy(busy::tags).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(OciReasons.PULL_FAILED);
            assertThat(f.kind()).isEqualTo(io.tributary.operator.FailureKind.RETRYABLE);
            assertThat(f.getMessage()).contains("busy/app").contains("429");
        });
        RegistryClient broken = new RegistryClient(OciUrl.parse("oci://" + host + "/broken/app"), true, null, null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> broken.manifest("latest")).isInstanceOfSatisfying(FetchFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(io.tributary.operator.FailureKind.RETRYABLE);
            assertThat(f.getMessage()).contains("503").contains("UNAVAILABLE backend down");
        });
    }
}
