package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.OCIRepository;
import io.tributary.api.source.SourceStatus;
import io.tributary.testsupport.CosignCli;
import io.tributary.testsupport.HelmClient;
import io.tributary.testsupport.HelmRepoServer;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed OCI content end to end: artifacts and charts signed with the real {@code cosign} CLI in the test registry;
 * on the local stack an OCIRepository and a HelmChart whose signatures verify with the Secret's public key become
 * Ready with SourceVerified=True, while unsigned ones are refused with VerificationError and store nothing.
 */
@ExtendWith(SharedStack.class)
class OciVerifyIT {

    private static final String NS = "oci-verify-it";
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static LocalStack stack;
    private static OciRegistry registry;
    private static String prefix;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        stack.createNamespace(NS);
        registry = SharedServers.ociRegistry();
        prefix = "verify-" + UUID.randomUUID().toString().substring(0, 8);
        work = Files.createTempDirectory("oci-verify-it");
        CosignCli cosign = CosignCli.ensure();
        CosignCli.KeyPair key = cosign.generateKeyPair(work.resolve("key"));

        String signed = push(prefix + "/signed");
        cosign.sign(registry, prefix + "/signed", signed, key, Files.createTempDirectory(work, "sign"));
        push(prefix + "/unsigned");
        String chartDigest = pushChart("greeter", "1.0.0");
        cosign.sign(registry, prefix + "/charts/greeter", chartDigest, key, Files.createTempDirectory(work, "sign"));
        pushChart("plain", "1.0.0");

        var secrets = stack.client().secrets().inNamespace(NS);
        secrets.resource(new SecretBuilder().withNewMetadata().withName("registry-auth").endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withStringData(Map.of(".dockerconfigjson", registry.dockerConfigJson(OciRegistry.USER, registry.password()))).build()).create();
        secrets.resource(new SecretBuilder().withNewMetadata().withName("registry-ca").endMetadata()
                .withStringData(Map.of("ca.crt", registry.pki().caPem())).build()).create();
        secrets.resource(new SecretBuilder().withNewMetadata().withName("cosign-keys").endMetadata()
                .withStringData(Map.of("cosign.pub", key.publicKeyPem())).build()).create();
        stack.client().resource("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: charts
                  namespace: %s
                spec:
                  type: oci
                  url: %s
                  interval: 1h
                  secretRef: {name: registry-auth}
                  certSecretRef: {name: registry-ca}
                """.formatted(NS, registry.url(prefix + "/charts"))).create();
    }

    private static String push(String repository) throws Exception {
        return registry.pushArtifact(repository, "v1", new OciRegistry.Blob("application/vnd.cncf.flux.config.v1+json",
                "{}".getBytes(StandardCharsets.UTF_8)), List.of(new OciRegistry.Blob("application/vnd.cncf.flux.content.v1.tar+gzip",
                HelmRepoServer.tgz(Map.of("app.yaml", ("kind: ConfigMap # " + repository + "\n").getBytes(StandardCharsets.UTF_8))))));
    }

    /** {@code helm push}, the manifest digest read from what Helm printed. */
    private static String pushChart(String name, String version) throws Exception {
        Path tgz = work.resolve(name + "-" + version + ".tgz");
        Files.write(tgz, HelmRepoServer.chart(name, version, Map.of("templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: {{ .Release.Name }}\n")));
        Matcher digest = DIGEST.matcher(HelmClient.push(tgz, registry, prefix + "/charts"));
        assertThat(digest.find()).as("helm push prints the digest").isTrue();
        return digest.group();
    }

    private static void ociRepository(String name) {
        stack.client().resource("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: OCIRepository
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  url: %s
                  interval: 1h
                  ref: {tag: v1}
                  secretRef: {name: registry-auth}
                  certSecretRef: {name: registry-ca}
                  verify:
                    provider: cosign
                    secretRef: {name: cosign-keys}
                """.formatted(name, NS, registry.url(prefix + "/" + name))).create();
    }

    private static void helmChart(String name) {
        stack.client().resource("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  chart: %s
                  version: "1.x"
                  interval: 1h
                  sourceRef: {kind: HelmRepository, name: charts}
                  verify:
                    provider: cosign
                    secretRef: {name: cosign-keys}
                """.formatted(name, NS, name)).create();
    }

    private static String condition(SourceStatus status, String type) {
        return status == null ? "absent" : Conditions.find(status.conditions, type).map(c -> c.getStatus() + "/" + c.getReason())
                .orElse("absent");
    }

    private static SourceStatus oci(String name) {
        return Optional.ofNullable(stack.client().resources(OCIRepository.class).inNamespace(NS).withName(name).get())
                .map(r -> (SourceStatus) r.getStatus()).orElse(null);
    }

    private static SourceStatus chart(String name) {
        return Optional.ofNullable(stack.client().resources(HelmChart.class).inNamespace(NS).withName(name).get())
                .map(c -> (SourceStatus) c.getStatus()).orElse(null);
    }

    @Test
    void aSignedOciRepositoryIsReadyAndAnUnsignedOneIsRefused() {
        ociRepository("signed");
        ociRepository("unsigned");
        stack.await("signed verified and Ready", PATIENCE, () -> "True/Succeeded".equals(condition(oci("signed"), "SourceVerified"))
                && condition(oci("signed"), "Ready").startsWith("True"));
        assertThat(oci("signed").artifact).isNotNull();
        stack.await("unsigned refused", PATIENCE, () -> "False/VerificationError".equals(condition(oci("unsigned"), "SourceVerified")));
        Condition ready = Conditions.find(oci("unsigned").conditions, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("VerificationError");
        assertThat(ready.getMessage()).contains("no signatures found");
        assertThat(oci("unsigned").artifact).isNull();
    }

    @Test
    void aSignedOciChartIsPulledAndAnUnsignedOneIsRefused() {
        helmChart("greeter");
        helmChart("plain");
        stack.await("greeter verified and Ready", PATIENCE, () -> "True/Succeeded".equals(condition(chart("greeter"), "SourceVerified"))
                && condition(chart("greeter"), "Ready").startsWith("True"));
        assertThat(chart("greeter").artifact.revision).isEqualTo("1.0.0");
        stack.await("plain refused", PATIENCE, () -> "False/VerificationError".equals(condition(chart("plain"), "SourceVerified")));
        Condition ready = Conditions.find(chart("plain").conditions, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getMessage()).contains("no signatures found").contains("plain");
        assertThat(chart("plain").artifact).isNull();
    }
}
