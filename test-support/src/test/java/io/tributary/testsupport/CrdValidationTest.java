package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs of k8s/crds, installed on the real kube-apiserver, enforce Flux's schemas: every bad spec below is refused
 * with 422 and a message naming the field (OpenAPI rules) or carrying the CEL rule's message (x-kubernetes-validations);
 * defaults are filled in as Flux's CRDs fill them; printer columns appear in Table output; status lives behind the
 * status subresource where Flux has one and is itself validated.
 *
 * <p>The rows follow the validation markers of Flux's API types (fluxcd/source-controller api/v1, helm-controller
 * api/v2, notification-controller api/v1 and v1beta3) as they appear in the CRDs under shared/reference/flux-crds
 * (source-controller's identical to github.com/fluxcd/source-controller config/crd/bases at 39b711b1, after v1.9.1).
 */
class CrdValidationTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void start() {
        client = SharedServers.controlPlane().client();
        ControlPlaneCrds.install(client);
        namespace = "crd-validation-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    enum Kind {
        GIT_REPOSITORY("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories",
                "{url: 'https://example.org/repo.git', interval: 1m}"),
        HELM_REPOSITORY("source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories",
                "{url: 'https://charts.example.org', interval: 10m}"),
        HELM_CHART("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts",
                "{chart: podinfo, interval: 5m, sourceRef: {kind: HelmRepository, name: podinfo}}"),
        BUCKET("source.toolkit.fluxcd.io", "v1", "Bucket", "buckets",
                "{bucketName: podinfo, endpoint: 'minio.example.org', interval: 5m}"),
        OCI_REPOSITORY("source.toolkit.fluxcd.io", "v1", "OCIRepository", "ocirepositories",
                "{url: 'oci://ghcr.io/stefanprodan/manifests/podinfo', interval: 5m, ref: {tag: latest}}"),
        EXTERNAL_ARTIFACT("source.toolkit.fluxcd.io", "v1", "ExternalArtifact", "externalartifacts",
                "{sourceRef: {apiVersion: example.io/v1, kind: ChartBuilder, name: podinfo}}"),
        HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases",
                "{interval: 5m, chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}}"),
        RECEIVER("notification.toolkit.fluxcd.io", "v1", "Receiver", "receivers",
                "{type: github, secretRef: {name: token}, resources: [{kind: GitRepository, name: podinfo}]}"),
        ALERT("notification.toolkit.fluxcd.io", "v1beta3", "Alert", "alerts",
                "{providerRef: {name: slack}, eventSources: [{kind: GitRepository, name: '*'}]}"),
        PROVIDER("notification.toolkit.fluxcd.io", "v1beta3", "Provider", "providers",
                "{type: slack, channel: general, secretRef: {name: webhook}}");

        final ResourceDefinitionContext context;
        final String validSpec;

        Kind(String group, String version, String kind, String plural, String validSpec) {
            this.context = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                    .withPlural(plural).withNamespaced(true).build();
            this.validSpec = validSpec;
        }

        String apiVersion() {
            return context.getGroup() + "/" + context.getVersion();
        }
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                // GitRepository
                bad(Kind.GIT_REPOSITORY, "{url: 'ftp://example.org/repo', interval: 1m}", "spec.url", "should match"),
                bad(Kind.GIT_REPOSITORY, "{interval: 1m}", "spec.url", "Required value"),
                bad(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 'one minute'}", "spec.interval", "should match"),
                bad(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 1m, timeout: 1h}", "spec.timeout", "should match"),
                bad(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 1m, provider: gitlab}", "spec.provider",
                        "Unsupported value: \"gitlab\""),
                bad(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 1m, verify: {mode: Branch, secretRef: {name: k}}}",
                        "spec.verify.mode", "Unsupported value"),
                bad(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 1m, include: [{toPath: x}]}",
                        "spec.include[0].repository", "Required value"),
                bad(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 1m, serviceAccountName: sa}", "spec",
                        "serviceAccountName can only be set when provider is 'azure' or 'aws'"),
                // HelmRepository
                bad(Kind.HELM_REPOSITORY, "{url: 'git://charts.example.org'}", "spec.url", "should match"),
                bad(Kind.HELM_REPOSITORY, "{url: 'https://charts.example.org', type: s3}", "spec.type", "Unsupported value"),
                bad(Kind.HELM_REPOSITORY, "{url: 'oci://ghcr.io/charts', type: oci, provider: ibm}", "spec.provider", "Unsupported value"),
                bad(Kind.HELM_REPOSITORY, "{url: 'https://charts.example.org', timeout: 2h}", "spec.timeout", "should match"),
                // HelmChart
                bad(Kind.HELM_CHART, "{chart: podinfo, interval: 5m, sourceRef: {kind: OCIRepository, name: podinfo}}",
                        "spec.sourceRef.kind", "Unsupported value"),
                bad(Kind.HELM_CHART, "{chart: podinfo, interval: 5m, sourceRef: {kind: HelmRepository, name: p}, reconcileStrategy: Always}",
                        "spec.reconcileStrategy", "Unsupported value"),
                bad(Kind.HELM_CHART, "{chart: ./charts/podinfo, interval: 5m, sourceRef: {kind: GitRepository, name: p}, verify: {provider: cosign}}",
                        "spec", "spec.verify is only supported when spec.sourceRef.kind is 'HelmRepository'"),
                bad(Kind.HELM_CHART, "{interval: 5m, sourceRef: {kind: HelmRepository, name: p}}", "spec.chart", "Required value"),
                // Bucket
                bad(Kind.BUCKET, "{bucketName: b, endpoint: e, interval: 5m, provider: minio}", "spec.provider", "Unsupported value"),
                bad(Kind.BUCKET, "{endpoint: e, interval: 5m}", "spec.bucketName", "Required value"),
                bad(Kind.BUCKET, "{bucketName: b, endpoint: e, interval: 5m, provider: gcp, sts: {provider: aws, endpoint: 'https://sts.example.org'}}",
                        "spec", "STS configuration is only supported for the 'aws' and 'generic' Bucket providers"),
                bad(Kind.BUCKET, "{bucketName: b, endpoint: e, interval: 5m, provider: aws, secretRef: {name: s}, serviceAccountName: sa}",
                        "spec", "cannot set both .spec.secretRef and .spec.serviceAccountName"),
                bad(Kind.BUCKET, "{bucketName: b, endpoint: e, interval: 5m, sts: {provider: ldap, endpoint: 'ldap://x'}}",
                        "spec.sts.endpoint", "should match"),
                // OCIRepository
                bad(Kind.OCI_REPOSITORY, "{url: 'https://ghcr.io/podinfo', interval: 5m}", "spec.url", "should match"),
                bad(Kind.OCI_REPOSITORY, "{url: 'oci://ghcr.io/podinfo', interval: 5m, layerSelector: {operation: unpack}}",
                        "spec.layerSelector.operation", "Unsupported value"),
                bad(Kind.OCI_REPOSITORY, "{url: 'oci://ghcr.io/podinfo', interval: 5m, verify: {provider: gpg}}",
                        "spec.verify.provider", "Unsupported value"),
                bad(Kind.OCI_REPOSITORY, "{url: 'oci://ghcr.io/podinfo'}", "spec.interval", "Required value"),
                // HelmRelease
                bad(Kind.HELM_RELEASE, "{interval: 5m, chart: {spec: {chart: p, sourceRef: {kind: HelmRepository, name: p}}},"
                        + " chartRef: {kind: OCIRepository, name: p}}", "spec", "either chart or chartRef must be set"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: GitRepository, name: p}}", "spec.chartRef.kind", "Unsupported value"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p}, releaseName: " + "r".repeat(54) + "}",
                        "spec.releaseName", "Too long"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p}, upgrade: {remediation: {strategy: retry}}}",
                        "spec.upgrade.remediation.strategy", "Unsupported value"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p}, valuesFrom: [{kind: Pod, name: v}]}",
                        "spec.valuesFrom[0].kind", "Unsupported value"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p},"
                        + " install: {strategy: {name: RemediateOnFailure, retryInterval: 1m}}}",
                        "spec.install.strategy", ".retryInterval cannot be set when .name is 'RemediateOnFailure'"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p}, driftDetection: {mode: on}}",
                        "spec.driftDetection.mode", "Unsupported value"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p}, kubeConfig: {}}",
                        "spec.kubeConfig", "exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified"),
                bad(Kind.HELM_RELEASE, "{interval: 5m, chartRef: {kind: OCIRepository, name: p}, valuesFrom: [{kind: Secret, name: v, valuesKey: 'a b'}]}",
                        "spec.valuesFrom[0].valuesKey", "should match"),
                // Receiver
                bad(Kind.RECEIVER, "{type: jenkins, secretRef: {name: t}, resources: [{kind: GitRepository, name: p}]}", "spec.type",
                        "Unsupported value"),
                bad(Kind.RECEIVER, "{type: github, secretRef: {name: t}, resources: [{kind: Deployment, name: p}]}",
                        "spec.resources[0].kind", "Unsupported value"),
                bad(Kind.RECEIVER, "{type: github, resources: [{kind: GitRepository, name: p}]}", "spec",
                        "secretRef is required when type is not generic-oidc"),
                bad(Kind.RECEIVER, "{type: generic-oidc, resources: [{kind: GitRepository, name: p}]}", "spec",
                        "generic-oidc receivers must define at least one oidcProvider"),
                bad(Kind.RECEIVER, "{type: github, secretRef: {name: t}, resources: [{kind: GitRepository, name: ''}]}",
                        "spec.resources[0].name", "should be at least 1 chars long"),
                bad(Kind.RECEIVER, "{type: generic-oidc, resources: [{kind: GitRepository, name: p}], oidcProviders: ["
                        + "{issuerURL: 'https://token.actions.githubusercontent.com', validations: [{expression: 'true', message: m}]},"
                        + "{issuerURL: 'https://token.actions.githubusercontent.com', validations: [{expression: 'true', message: m}]}]}",
                        "spec.oidcProviders[1]", "Duplicate value"),
                bad(Kind.RECEIVER, "{type: generic-oidc, resources: [{kind: GitRepository, name: p}],"
                        + " oidcProviders: [{issuerURL: 'https://issuer.example.org', validations: []}]}",
                        "spec.oidcProviders[0].validations", "should have at least 1 items"),
                // Alert
                bad(Kind.ALERT, "{providerRef: {name: s}, eventSeverity: warning, eventSources: [{kind: GitRepository, name: '*'}]}",
                        "spec.eventSeverity", "Unsupported value"),
                bad(Kind.ALERT, "{providerRef: {name: s}, summary: " + "s".repeat(256) + ", eventSources: [{kind: GitRepository, name: '*'}]}",
                        "spec.summary", "Too long"),
                bad(Kind.ALERT, "{eventSources: [{kind: GitRepository, name: '*'}]}", "spec.providerRef", "Required value"),
                bad(Kind.ALERT, "{providerRef: {name: s}, eventSources: [{kind: Pod, name: '*'}]}", "spec.eventSources[0].kind",
                        "Unsupported value"),
                // Provider
                bad(Kind.PROVIDER, "{type: email}", "spec.type", "Unsupported value"),
                bad(Kind.PROVIDER, "{type: slack, proxy: 'socks5://proxy:1080'}", "spec.proxy", "should match"),
                bad(Kind.PROVIDER, "{type: slack, commitStatusExpr: 'event.metadata.x'}", "spec",
                        "spec.commitStatusExpr is only supported for the 'github'"),
                bad(Kind.PROVIDER, "{type: slack, timeout: 1h}", "spec.timeout", "should match"),
                bad(Kind.PROVIDER, "{type: slack, address: '" + "a".repeat(2049) + "'}", "spec.address", "Too long"));
    }

    private static Arguments bad(Kind kind, String spec, String field, String problem) {
        return Arguments.of(kind, spec, field, problem);
    }

    @ParameterizedTest(name = "{0} {2}: {1}")
    @MethodSource("badSpecs")
    void badSpecIsRefusedNamingTheField(Kind kind, String spec, String field, String problem) {
        assertThatThrownBy(() -> create(kind, spec))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains(field + ": ").contains(problem);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void validSpecOfEveryKindIsAccepted(Kind kind) {
        GenericKubernetesResource created = create(kind, kind.validSpec);
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    }

    static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of(Kind.GIT_REPOSITORY, "{url: 'https://example.org/r', interval: 1m, verify: {secretRef: {name: k}}}",
                        Map.of("timeout", "60s", "verify.mode", "HEAD")),
                // Flux's HelmRepository CRD defaults only the provider: interval and timeout are left to the controller
                Arguments.of(Kind.HELM_REPOSITORY, "{url: 'https://charts.example.org'}", Map.of("provider", "generic")),
                Arguments.of(Kind.HELM_CHART, Kind.HELM_CHART.validSpec, Map.of("version", "*", "reconcileStrategy", "ChartVersion")),
                Arguments.of(Kind.BUCKET, Kind.BUCKET.validSpec, Map.of("provider", "generic", "timeout", "60s")),
                Arguments.of(Kind.OCI_REPOSITORY, "{url: 'oci://ghcr.io/p', interval: 5m, verify: {secretRef: {name: k}}}",
                        Map.of("provider", "generic", "timeout", "60s", "verify.provider", "cosign")),
                Arguments.of(Kind.HELM_RELEASE, "{interval: 5m, uninstall: {keepHistory: true},"
                        + " chart: {spec: {chart: p, sourceRef: {kind: HelmRepository, name: p}, verify: {secretRef: {name: k}}}}}",
                        Map.of("chart.spec.version", "*", "chart.spec.reconcileStrategy", "ChartVersion",
                                "chart.spec.verify.provider", "cosign", "uninstall.deletionPropagation", "background")),
                Arguments.of(Kind.RECEIVER, Kind.RECEIVER.validSpec, Map.of("interval", "10m")),
                Arguments.of(Kind.ALERT, Kind.ALERT.validSpec, Map.of("eventSeverity", "info")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("defaults")
    void defaultsAreFilledInByTheServer(Kind kind, String spec, Map<String, String> expected) {
        GenericKubernetesResource created = create(kind, spec);
        GenericKubernetesResource read = client.genericKubernetesResources(kind.context).inNamespace(namespace)
                .withName(created.getMetadata().getName()).get();
        Map<String, Object> stored = map(read.getAdditionalProperties().get("spec"));
        expected.forEach((path, value) -> assertThat(at(stored, path)).as("spec." + path).isEqualTo(value));
        if (kind == Kind.HELM_REPOSITORY) {
            assertThat(stored).doesNotContainKeys("interval", "timeout");
        }
    }

    @Test
    void statusIsDefaultedAndValidatedBehindTheSubresource() {
        GenericKubernetesResource created = create(Kind.GIT_REPOSITORY, Kind.GIT_REPOSITORY.validSpec);
        var resource = client.genericKubernetesResources(Kind.GIT_REPOSITORY.context).inNamespace(namespace)
                .withName(created.getMetadata().getName());
        assertThat(map(resource.get().getAdditionalProperties().get("status"))).containsEntry("observedGeneration", -1);

        GenericKubernetesResource current = resource.get();
        current.getAdditionalProperties().put("status", Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "Ready", "status", "Maybe", "reason", "Succeeded", "message", "", "lastTransitionTime", "2026-01-01T00:00:00Z"))));
        assertThatThrownBy(() -> client.resource(current).updateStatus())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("status.conditions[0].status: Unsupported value: \"Maybe\"");
                });

        GenericKubernetesResource stale = resource.get();
        stale.getAdditionalProperties().put("status", Map.of("artifact", Map.of("path", "p", "url", "u", "revision", "r",
                "digest", "sha256:0", "lastUpdateTime", "yesterday")));
        assertThatThrownBy(() -> client.resource(stale).updateStatus())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
                        .contains("status.artifact.lastUpdateTime: Invalid value: \"yesterday\"", "date-time"));

        GenericKubernetesResource again = resource.get();
        again.getAdditionalProperties().put("status", Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "Ready", "status", "True", "reason", "Succeeded", "lastTransitionTime", "2026-01-01T00:00:00Z"))));
        assertThatThrownBy(() -> client.resource(again).updateStatus())
                .isInstanceOfSatisfying(KubernetesClientException.class, e ->
                        assertThat(e.getStatus().getMessage()).contains("status.conditions[0].message: Required value"));
    }

    @Test
    void statusSubresourceWhereFluxHasOneAndNoneElsewhere() {
        for (Kind kind : Kind.values()) {
            var crd = client.apiextensions().v1().customResourceDefinitions()
                    .withName(kind.context.getPlural() + "." + kind.context.getGroup()).get();
            var version = crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(kind.context.getVersion()))
                    .findFirst().orElseThrow();
            boolean hasStatus = version.getSubresources() != null && version.getSubresources().getStatus() != null;
            assertThat(hasStatus).as(kind.name()).isEqualTo(kind != Kind.ALERT && kind != Kind.PROVIDER);
        }
    }

    static Stream<Arguments> printerColumns() {
        return Stream.of(
                Arguments.of(Kind.GIT_REPOSITORY, List.of("Name", "URL", "Age", "Ready", "Status")),
                Arguments.of(Kind.HELM_REPOSITORY, List.of("Name", "URL", "Age", "Ready", "Status")),
                Arguments.of(Kind.HELM_CHART, List.of("Name", "Chart", "Version", "Source Kind", "Source Name", "Age", "Ready", "Status")),
                Arguments.of(Kind.BUCKET, List.of("Name", "Endpoint", "Age", "Ready", "Status")),
                Arguments.of(Kind.EXTERNAL_ARTIFACT, List.of("Name", "Age", "Ready", "Status", "Source")),
                Arguments.of(Kind.OCI_REPOSITORY, List.of("Name", "URL", "Ready", "Status", "Age")),
                Arguments.of(Kind.HELM_RELEASE, List.of("Name", "Age", "Ready", "Status")),
                Arguments.of(Kind.RECEIVER, List.of("Name", "Age", "Ready", "Status")),
                Arguments.of(Kind.ALERT, List.of("Name", "Age")),
                Arguments.of(Kind.PROVIDER, List.of("Name", "Age")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printerColumns")
    void tableOutputHasFluxsPrinterColumns(Kind kind, List<String> columns) throws Exception {
        GenericKubernetesResource created = create(kind, kind.validSpec);
        String path = "/apis/" + kind.apiVersion() + "/namespaces/" + namespace + "/" + kind.context.getPlural() + "/"
                + created.getMetadata().getName();
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + path)
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build();
        HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
        assertThat(response.code()).as(response.body()).isEqualTo(200);
        Map<String, Object> table = YAML.unmarshal(response.body(), Map.class);
        assertThat(table).containsEntry("kind", "Table");
        List<Map<String, Object>> definitions = list(table.get("columnDefinitions"));
        assertThat(definitions).extracting(d -> d.get("name")).containsExactlyElementsOf(columns);
        List<Map<String, Object>> rows = list(table.get("rows"));
        assertThat(rows).hasSize(1);
        assertThat(list(rows.get(0).get("cells")).get(0)).isEqualTo(created.getMetadata().getName());
        if (columns.contains("URL")) {
            Object url = map(created.getAdditionalProperties().get("spec")).get("url");
            assertThat(list(rows.get(0).get("cells")).get(columns.indexOf("URL"))).isEqualTo(url);
        }
    }

    private static GenericKubernetesResource create(Kind kind, String specYaml) {
        Map<String, Object> spec = map(new Load(LoadSettings.builder().build()).loadFromString(specYaml));
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder().withApiVersion(kind.apiVersion())
                .withKind(kind.context.getKind())
                .withNewMetadata().withName(kind.context.getKind().toLowerCase() + "-" + NAMES.incrementAndGet()).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
        return client.genericKubernetesResources(kind.context).inNamespace(namespace).resource(resource).create();
    }

    private static Object at(Map<String, Object> map, String dottedPath) {
        Object current = map;
        for (String key : dottedPath.split("\\.")) {
            current = current == null ? null : map(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object o) {
        return (List<T>) o;
    }
}
