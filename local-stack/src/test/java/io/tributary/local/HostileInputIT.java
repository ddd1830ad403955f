package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.Bucket;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmRepository;
import io.tributary.events.Topics;
import io.tributary.testsupport.KafkaProbe;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and oversized objects on the local stack: every one ends with the exact condition it must (never an endless
 * Reconciling), no message leaks a credential, a stalled object is not retried, and objects of 100 KB and 1 MB
 * neither fail nor stop the operators from seeing the objects created after them.
 */
@ExtendWith(SharedStack.class)
class HostileInputIT {

    private static final String NS = "hostile";
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        stack.createNamespace(NS);
    }

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("GitRepository", GitRepository.class,
            "HelmRepository", HelmRepository.class, "HelmChart", HelmChart.class, "Bucket", Bucket.class, "HelmRelease", HelmRelease.class);

    private static String apiVersion(String kind) {
        return "HelmRelease".equals(kind) ? "helm.toolkit.fluxcd.io/v2" : "source.toolkit.fluxcd.io/v1";
    }

    private static void apply(String kind, String namespace, String name, String spec) {
        if ("GitRepository".equals(kind) && !spec.contains("ref:")) {
            spec = spec + (spec.endsWith("\n") ? "" : "\n") + "  ref:\n    branch: main\n";
        }
        String yaml = "apiVersion: " + apiVersion(kind) + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\nspec:\n" + spec.replace("\\n", "\n");
        HasMetadata object = stack.client().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().get(0);
        stack.client().resource(object).create();
    }

    private static Optional<List<Condition>> conditions(String kind, String namespace, String name) {
        HasMetadata object = stack.client().resources(KINDS.get(kind)).inNamespace(namespace).withName(name).get();
        if (object == null) {
            return Optional.empty();
        }
        GenericKubernetesResource generic = stack.client().getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        Object status = generic.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || map.get("conditions") == null) {
            return Optional.empty();
        }
        return Optional.of(List.of(stack.client().getKubernetesSerialization().convertValue(map.get("conditions"), Condition[].class)));
    }

    private static Condition awaitReady(String kind, String namespace, String name, String status) {
        Condition[] found = new Condition[1];
        stack.await(kind + " " + namespace + "/" + name + " Ready=" + status, Duration.ofSeconds(90), () -> {
            found[0] = conditions(kind, namespace, name).flatMap(c -> Conditions.find(c, "Ready")).orElse(null);
            return found[0] != null && status.equals(found[0].getStatus());
        });
        return found[0];
    }

    private static String git() {
        String repo = "hostile-" + Long.toString(System.nanoTime(), 36);
        stack.git().createRepository(repo);
        stack.git().commit(repo, Map.of("deploy/app.yaml", "a: 1\n"), "first");
        return stack.git().url(repo);
    }

    /**
     * Each row: kind, spec (YAML, {@code \n} for new lines, {@code GIT} for a fresh repository), Ready reason, a part of
     * its message. Reason {@code Refused}: the CRD's schema (as Flux's) forbids the spec, so the API server answers 422
     * naming the field in the last column, and the object never reaches an operator.
     */
    @ParameterizedTest(name = "{index}: {0} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            GitRepository  | "  interval: banana\\n  url: GIT"                                        | Refused                  | spec.interval
            GitRepository  | "  interval: 1m\\n  url: ftp://example.com/repo.git"                    | Refused                  | spec.url
            GitRepository  | "  interval: 1m\\n  url: ''"                                             | Refused                  | spec.url
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  ref:\\n    semver: '>=a.b'"             | URLInvalid               | spec.ref.semver
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  ref:\\n    commit: xyz"                 | URLInvalid               | spec.ref.commit
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  ref:\\n    name: main"                  | URLInvalid               | spec.ref.name
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  include:\\n  - repository:\\n      name: other\\n    fromPath: ../etc" | URLInvalid | spec.include
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  include:\\n  - repository:\\n      name: ''" | URLInvalid           | spec.include[].repository.name
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  verify:\\n    mode: Tag\\n    secretRef:\\n      name: keys" | URLInvalid | spec.verify.mode
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  secretRef:\\n    name: no-such-secret"  | AuthenticationFailed     | no-such-secret
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  secretRef:\\n    name: garbage-ca"      | AuthenticationFailed     | ca.crt
            GitRepository  | "  interval: 1m\\n  timeout: 5s\\n  url: http://127.0.0.1:1/nothing.git" | GitOperationFailed       | 127.0.0.1:1
            GitRepository  | "  interval: 1m\\n  url: GIT\\n  sparseCheckout:\\n  - no/such/dir"      | GitOperationFailed       | no/such/dir
            HelmRepository | "  interval: 1m\\n  url: oci://registry.example.com/charts"              | URLInvalid               | spec.type
            HelmRepository | "  interval: 1m\\n  url: file:///etc"                                   | Refused                  | spec.url
            HelmRepository | "  interval: 1m\\n  type: oci\\n  url: https://example.com/charts"       | URLInvalid               | oci://
            HelmRepository | "  interval: 1m\\n  url: http://127.0.0.1:1/charts"                     | IndexationFailed         | index
            HelmChart      | "  interval: 1m\\n  chart: demo\\n  sourceRef:\\n    kind: HelmRepository" | Refused               | spec.sourceRef.name
            HelmChart      | "  interval: 1m\\n  chart: demo\\n  sourceRef:\\n    kind: HelmRepository\\n    name: missing" | SourceNotReady | missing
            Bucket         | "  interval: 1m\\n  bucketName: b\\n  endpoint: http://127.0.0.1:9000" | URLInvalid               | spec.endpoint
            Bucket         | "  interval: 1m\\n  bucketName: ''\\n  endpoint: 127.0.0.1:9000"        | URLInvalid               | spec.bucketName
            Bucket         | "  interval: 1m\\n  bucketName: b\\n  endpoint: 127.0.0.1:9000\\n  provider: gcp" | URLInvalid     | spec.provider
            """)
    void aHostileSpecEndsNotReadyWithItsReasonAndTheFieldNamed(String kind, String spec, String reason, String message) {
        String name = "h-" + Long.toString(System.nanoTime(), 36);
        if (spec.contains("garbage-ca")) {
            stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("garbage-ca")
                    .withNamespace(NS).endMetadata().addToStringData("ca.crt", "not a certificate").build()).createOr(op -> op.update());
        }
        String resolved = spec.replace("url: GIT", "url: " + git());
        if ("Refused".equals(reason)) {
            ApiRefusal.assertRefused(() -> apply(kind, NS, name, resolved), message);
            assertThat(stack.client().resources(KINDS.get(kind)).inNamespace(NS).withName(name).get()).isNull();
            return;
        }
        apply(kind, NS, name, resolved);
        Condition ready = awaitReady(kind, NS, name, "False");
        assertThat(ready.getReason()).isEqualTo(reason);
        assertThat(ready.getMessage()).contains(message).doesNotContain("null");
    }

    @Test
    void aUrlWithCredentialsNeverReachesStatus() {
        apply("GitRepository", NS, "userinfo", "  interval: 1m\n  timeout: 5s\n  url: http://flux:s3cr3t-pa55@127.0.0.1:1/x.git\n");
        Condition ready = awaitReady("GitRepository", NS, "userinfo", "False");
        assertThat(ready.getMessage()).doesNotContain("s3cr3t-pa55").doesNotContain("flux:");
    }

    @Test
    void aStalledObjectIsNotRetried() throws Exception {
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrap(), Topics.SOURCE_REQUESTS)) {
            // a spec the schema allows and the operator refuses: an improper semver range
            apply("GitRepository", NS, "stalled", "  interval: 1s\n  url: " + git() + "\n  ref:\n    semver: '>=a.b'\n");
            awaitReady("GitRepository", NS, "stalled", "False");
            assertThat(conditions("GitRepository", NS, "stalled").flatMap(c -> Conditions.find(c, "Stalled")).map(Condition::getStatus))
                    .contains("True");
            long stalledAt = System.currentTimeMillis();
            // a later positive signal: a valid source created after it fetches (several retry periods of the stalled one)
            apply("GitRepository", NS, "after-stalled", "  interval: 1m\n  url: " + git() + "\n");
            awaitReady("GitRepository", NS, "after-stalled", "True");
            List<String> keys = probe.awaitRecord(r -> r.key().equals("GitRepository/" + NS + "/after-stalled"), Duration.ofSeconds(30))
                    .stream().filter(r -> r.timestamp() > stalledAt).map(r -> r.key()).toList();
            assertThat(keys).contains("GitRepository/" + NS + "/after-stalled").doesNotContain("GitRepository/" + NS + "/stalled");
        }
    }

    @Test
    void everyValidNameLengthWorks() {
        String longNamespace = "n".repeat(63);
        String longName = "g".repeat(253);
        stack.createNamespace(longNamespace);
        apply("GitRepository", longNamespace, longName, "  interval: 1m\n  url: " + git() + "\n");
        awaitReady("GitRepository", longNamespace, longName, "True");
        GitRepository repo = stack.client().resources(GitRepository.class).inNamespace(longNamespace).withName(longName).get();
        assertThat(repo.getStatus().artifact.digest).startsWith("sha256:");
    }

    /*
     * Not 1 MiB as for values: the fetcher copies spec.ignore into status.observedIgnore, as Flux does, and etcd refuses
     * a write over 1.5 MiB (--max-request-bytes), so an ignore of 1 MiB cannot be stored on a real cluster, with Flux
     * either. 512 KiB, twice over, fits.
     */
    @ParameterizedTest(name = "spec.ignore of {0} bytes")
    @CsvSource({"102400", "524288"})
    void aBigGitRepositoryIsReadyAndTheOperatorStillSeesNewObjects(int size) {
        String name = "big-ignore-" + size;
        StringBuilder ignore = new StringBuilder();
        for (int i = 0; ignore.length() < size; i++) {
            ignore.append("    /generated/file-").append(i).append(".bin\n");
        }
        apply("GitRepository", NS, name, "  interval: 1h\n  url: " + git() + "\n  ignore: |\n" + ignore);
        awaitReady("GitRepository", NS, name, "True");
        apply("GitRepository", NS, name + "-after", "  interval: 1h\n  url: " + git() + "\n");
        awaitReady("GitRepository", NS, name + "-after", "True");
    }

    /** An ignore the object could not also carry in status stalls, naming the field, and the operator goes on. */
    @Test
    void aGitRepositoryWithAnIgnoreTooLargeToRecordStallsNamingTheField() {
        String name = "big-ignore-1m";
        StringBuilder ignore = new StringBuilder();
        for (int i = 0; ignore.length() < 1024 * 1024; i++) {
            ignore.append("    /generated/file-").append(i).append(".bin\n");
        }
        apply("GitRepository", NS, name, "  interval: 1h\n  url: " + git() + "\n  ignore: |\n" + ignore);
        Condition ready = awaitReady("GitRepository", NS, name, "False");
        assertThat(ready.getReason()).isEqualTo("InvalidSpec");
        assertThat(ready.getMessage()).startsWith("spec.ignore: ").contains("over the limit of 524288");
        assertThat(conditions("GitRepository", NS, name).flatMap(c -> Conditions.find(c, "Stalled")))
                .hasValueSatisfying(stalled -> assertThat(stalled.getStatus()).isEqualTo("True"));
        apply("GitRepository", NS, name + "-after", "  interval: 1h\n  url: " + git() + "\n");
        awaitReady("GitRepository", NS, name + "-after", "True");
    }

    @ParameterizedTest(name = "values of {0} bytes")
    @CsvSource({"102400", "1048576"})
    void aHelmReleaseWithBigValuesIsReadyAndTheOperatorStillSeesNewReleases(int size) {
        String name = "big-values-" + size;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("message", "big values");
        StringBuilder filler = new StringBuilder();
        for (int i = 0; filler.length() < size; i++) {
            filler.append("line ").append(i).append(' ');
        }
        values.put("filler", filler.toString());
        createRelease(name, values);
        awaitReady("HelmRelease", "default", name, "True");
        createRelease(name + "-after", Map.of("message", "small"));
        awaitReady("HelmRelease", "default", name + "-after", "True");
    }

    private static void createRelease(String name, Map<String, Object> values) {
        HelmRelease release = stack.client().getKubernetesSerialization().unmarshal("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: default
                spec:
                  interval: 1h
                  chart:
                    spec:
                      chart: ./charts/demo
                      sourceRef:
                        kind: GitRepository
                        name: demo
                """.formatted(name), HelmRelease.class);
        release.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        release.getSpec().values = values;
        stack.client().resource(release).create();
    }
}
