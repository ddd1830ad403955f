package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.notification.Alert;
import io.tributary.api.notification.Provider;
import io.tributary.api.notification.Receiver;
import io.tributary.api.source.Bucket;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.OCIRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every value an enum of the CRDs allows under {@code spec} is one the services' model (io.tributary.api) reads: the
 * object stored on the real API server with that value reads back through the typed client with the value unchanged.
 * Objects made on the way to a nested enum get their required fields; values that CEL rules tie to other fields get a
 * spec meeting those rules ({@code SPECS_FOR_VALUE}).
 */
class CrdEnumsReadBackTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Map<String, Class<? extends CustomResource<?, ?>>> MODEL = Map.of(
            "GitRepository", GitRepository.class, "HelmRepository", HelmRepository.class, "HelmChart", HelmChart.class,
            "Bucket", Bucket.class, "OCIRepository", OCIRepository.class, "HelmRelease", HelmRelease.class,
            "Receiver", Receiver.class, "Alert", Alert.class, "Provider", Provider.class);
    private static final Map<String, String> VALID_SPECS = Map.of(
            "GitRepository", "{url: 'https://example.org/repo.git', interval: 1m}",
            "HelmRepository", "{url: 'https://charts.example.org', interval: 10m}",
            "HelmChart", "{chart: podinfo, interval: 5m, sourceRef: {kind: HelmRepository, name: podinfo}}",
            "Bucket", "{bucketName: podinfo, endpoint: 'minio.example.org', interval: 5m}",
            "OCIRepository", "{url: 'oci://ghcr.io/stefanprodan/manifests/podinfo', interval: 5m}",
            "HelmRelease", "{interval: 5m, chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}}",
            "Receiver", "{type: github, secretRef: {name: token}, resources: [{kind: GitRepository, name: podinfo}]}",
            "Alert", "{providerRef: {name: slack}, eventSources: [{kind: GitRepository, name: '*'}]}",
            "Provider", "{type: slack, channel: general}");

    /** Values (or fields) that CEL rules couple to other fields get a spec that satisfies those rules. */
    private static final Map<String, String> SPECS_FOR_VALUE = Map.of(
            "HelmRelease spec.chartRef.kind", "{interval: 5m}",
            "Bucket spec.sts.provider=aws", "{bucketName: podinfo, endpoint: 'minio.example.org', interval: 5m, provider: aws}",
            "Receiver spec.type=generic-oidc", "{resources: [{kind: GitRepository, name: podinfo}], oidcProviders: "
                    + "[{issuerURL: 'https://token.actions.githubusercontent.com', validations: [{expression: 'true', message: m}]}]}");
    /** Values for the required fields of objects this test has to make on the way to an enum, where "x" would not do. */
    private static final Map<String, String> REQUIRED_VALUES = Map.of("endpoint", "https://sts.example.org");

    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void start() {
        client = SharedServers.controlPlane().client();
        ControlPlaneCrds.install(client);
        namespace = "crd-enums-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    /** One row per (kind, spec path of an enum, allowed value), read from k8s/crds. */
    static Stream<Arguments> enumValues() {
        List<Arguments> rows = new ArrayList<>();
        for (Path file : ControlPlaneCrds.files()) {
            CustomResourceDefinition crd = load(file);
            var version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst().orElseThrow();
            String kind = crd.getSpec().getNames().getKind();
            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(crd.getSpec().getGroup())
                    .withVersion(version.getName()).withKind(kind).withPlural(crd.getSpec().getNames().getPlural())
                    .withNamespaced(true).build();
            Map<String, List<String>> enums = new java.util.TreeMap<>();
            collect(version.getSchema().getOpenAPIV3Schema().getProperties().get("spec"), "spec", enums);
            JSONSchemaProps specSchema = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
            enums.forEach((path, values) -> values.forEach(value -> rows.add(Arguments.of(kind, path, value, context, specSchema))));
        }
        assertThat(rows).as("enum values found in k8s/crds").hasSizeGreaterThan(100);
        return rows.stream();
    }

    private static void collect(JSONSchemaProps schema, String path, Map<String, List<String>> enums) {
        if (schema == null) {
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            enums.put(path, schema.getEnum().stream().map(n -> n.asText()).toList());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, sub) -> collect(sub, path + "." + name, enums));
        }
        if (schema.getItems() != null) {
            collect(schema.getItems().getSchema(), path + "[]", enums);
        }
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("enumValues")
    void everyAllowedValueReadsBackThroughTheModel(String kind, String path, String value, ResourceDefinitionContext context,
            JSONSchemaProps specSchema) {
        String base = SPECS_FOR_VALUE.getOrDefault(kind + " " + path + "=" + value,
                SPECS_FOR_VALUE.getOrDefault(kind + " " + path, VALID_SPECS.get(kind)));
        Map<String, Object> spec = map(new Load(LoadSettings.builder().build()).loadFromString(base));
        put(spec, specSchema, path.substring("spec.".length()), value);
        String name = kind.toLowerCase() + "-" + NAMES.incrementAndGet();
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(context.getGroup() + "/" + context.getVersion()).withKind(kind)
                .withNewMetadata().withName(name).endMetadata().addToAdditionalProperties("spec", spec).build();
        try {
            client.genericKubernetesResources(context).inNamespace(namespace).resource(resource).create();
        } catch (KubernetesClientException e) {
            throw new AssertionError("refused: " + e.getStatus().getMessage(), e);
        }
        CustomResource<?, ?> typed = client.resources(MODEL.get(kind)).inNamespace(namespace).withName(name).get();
        Map<String, Object> readBack = map(client.getKubernetesSerialization().convertValue(typed.getSpec(), Map.class));
        assertThat(get(readBack, path.substring("spec.".length()))).as("spec as the model reads it: " + readBack).isEqualTo(value);
    }

    /**
     * Sets {@code a.b[].c}: {@code []} is the first element, made if the list is missing; objects made on the way get
     * their required fields (as the schema says) so that the enum is the only thing under test.
     */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, JSONSchemaProps schema, String path, Object value) {
        String[] steps = path.split("\\.");
        Map<String, Object> current = map;
        for (int i = 0; i < steps.length; i++) {
            boolean items = steps[i].endsWith("[]");
            String key = items ? steps[i].substring(0, steps[i].length() - 2) : steps[i];
            schema = schema.getProperties().get(key);
            if (i == steps.length - 1 && !items) {
                current.put(key, value);
                return;
            }
            JSONSchemaProps objectSchema = items ? schema.getItems().getSchema() : schema;
            if (items) {
                List<Object> list = (List<Object>) current.computeIfAbsent(key, k -> new ArrayList<>());
                if (list.isEmpty()) {
                    list.add(withRequired(objectSchema));
                }
                current = (Map<String, Object>) list.get(0);
            } else {
                current = (Map<String, Object>) current.computeIfAbsent(key, k -> withRequired(objectSchema));
            }
            schema = objectSchema;
        }
    }

    private static Map<String, Object> withRequired(JSONSchemaProps schema) {
        Map<String, Object> object = new HashMap<>();
        for (String field : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
            JSONSchemaProps property = schema.getProperties().get(field);
            if ("object".equals(property.getType())) {
                object.put(field, withRequired(property));
            } else if ("string".equals(property.getType()) && property.getEnum() != null && !property.getEnum().isEmpty()) {
                object.put(field, property.getEnum().get(0).asText());
            } else if ("string".equals(property.getType())) {
                object.put(field, REQUIRED_VALUES.getOrDefault(field, "x"));
            }
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Map<String, Object> map, String path) {
        Object current = map;
        for (String step : path.split("\\.")) {
            boolean items = step.endsWith("[]");
            String key = items ? step.substring(0, step.length() - 2) : step;
            current = current == null ? null : ((Map<String, Object>) current).get(key);
            if (items && current != null) {
                current = ((List<Object>) current).get(0);
            }
        }
        return current;
    }

    private static CustomResourceDefinition load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return client().getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KubernetesClient client() {
        return client != null ? client : SharedServers.controlPlane().client();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
