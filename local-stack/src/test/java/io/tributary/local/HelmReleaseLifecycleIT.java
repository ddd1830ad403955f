package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.GitRepository;
import io.tributary.events.CloudEvent;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.ReleaseEvent;
import io.tributary.events.Topics;
import io.tributary.testsupport.GitServer;
import io.tributary.testsupport.Kubelet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HelmRelease lifecycle end to end on the local stack: charts from a GitRepository, releases made by
 * release-service, workloads played by {@link Kubelet} through the real controllers. An upgrade that never becomes
 * ready is rolled back, failing test hooks fail the release unless ignored, a release-service killed mid-upgrade
 * recovers the release it left pending, deleting a HelmRelease uninstalls it, and drift is corrected.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedStack.class)
class HelmReleaseLifecycleIT {

    private static final String NS = "lifecycle-e2e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static LocalStack stack;
    private static GitServer git;
    private static Kubelet kubelet;
    /** What the migration Job's Pods become; changed by the crash test. */
    private static volatile Kubelet.Outcome migration = Kubelet.Outcome.SUCCEED;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        stack.createNamespace(NS);
        git = stack.git();
        Function<Pod, Kubelet.Outcome> defaults = Kubelet.defaults();
        kubelet = Kubelet.start(stack.client(), NS, pod -> {
            String name = pod.getMetadata().getName();
            if (name.contains("-web-")) {
                return Kubelet.Outcome.PENDING; // a Deployment that never becomes ready
            }
            if (name.contains("-smoke")) {
                return Kubelet.Outcome.FAIL;
            }
            if (name.contains("-migrate-")) {
                return migration;
            }
            return defaults.apply(pod);
        });
    }

    @AfterAll
    static void stop() {
        kubelet.close();
    }

    private static final String CHART_YAML = """
            apiVersion: v2
            name: app
            version: 0.1.0
            """;

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              message: {{ .Values.message | quote }}
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: 1
              selector:
                matchLabels: {app: {{ .Release.Name }}-web}
              template:
                metadata:
                  labels: {app: {{ .Release.Name }}-web}
                spec:
                  containers: [{name: web, image: nginx}]
            """;

    private static final String SMOKE_TEST = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}-smoke
              annotations:
                "helm.sh/hook": test
            spec:
              restartPolicy: Never
              containers: [{name: smoke, image: busybox}]
            """;

    private static final String MIGRATION_HOOK = """
            {{- if .Values.migrate }}
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                "helm.sh/hook": post-upgrade
                "helm.sh/hook-delete-policy": before-hook-creation
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: migrate, image: busybox}]
            {{- end }}
            """;

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /** A git repository holding chart {@code charts/app} with the given templates, and a GitRepository for it. */
    private static void chartRepository(String name, Map<String, String> templates) {
        git.createRepository(name);
        commitChart(name, templates, "chart");
        stack.client().resource("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  interval: 1h
                  url: %s
                  ref:
                    branch: main
                """.formatted(name, NS, git.url(name))).create();
    }

    private static void commitChart(String repository, Map<String, String> templates, String message) {
        Map<String, String> files = new HashMap<>();
        files.put("charts/app/Chart.yaml", CHART_YAML);
        files.put("charts/app/values.yaml", "message: one\n");
        templates.forEach((file, text) -> files.put("charts/app/templates/" + file, text));
        git.commit(repository, files, message);
    }

    /** A HelmRelease of {@code charts/app} from GitRepository {@code source}; {@code extra} is appended to its spec. */
    private static void helmRelease(String name, String source, String extra) {
        stack.client().resource("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  interval: 1h
                  chart:
                    spec:
                      chart: ./charts/app
                      reconcileStrategy: Revision
                      sourceRef:
                        kind: GitRepository
                        name: %s
                %s""".formatted(name, NS, source, extra.indent(2))).create();
    }

    private static HelmRelease get(String name) {
        return stack.client().resources(HelmRelease.class).inNamespace(NS).withName(name).get();
    }

    private static Optional<Condition> condition(String name, String type) {
        HelmRelease release = get(name);
        return release == null || release.getStatus() == null ? Optional.empty() : Conditions.find(release.getStatus().conditions, type);
    }

    private static String conditionOf(String name, String type) {
        return condition(name, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static void awaitCondition(String name, String type, String statusAndReason) {
        stack.await(name + " " + type + " " + statusAndReason, PATIENCE, () -> statusAndReason.equals(conditionOf(name, type)));
    }

    /** The release's revisions in Helm storage, newest first, as {@code version:status:description}. */
    private static List<String> revisions(String release) {
        List<JsonNode> stored = new ArrayList<>();
        for (Secret secret : stack.client().secrets().inNamespace(NS).withLabel("owner", "helm").withLabel("name", release).list().getItems()) {
            stored.add(decode(secret));
        }
        stored.sort(Comparator.comparingInt((JsonNode r) -> r.path("version").asInt()).reversed());
        return stored.stream().map(r -> r.path("version").asInt() + ":" + r.path("info").path("status").asText() + ":"
                + r.path("info").path("description").asText()).toList();
    }

    /** Helm's storage encoding: base64 of the gzipped release JSON, inside the Secret's (itself base64) data. */
    private static JsonNode decode(Secret secret) {
        byte[] encoded = Base64.getDecoder().decode(secret.getData().get("release"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("release Secret " + secret.getMetadata().getName() + " does not decode", e);
        }
    }

    private static List<String> eventReasons(String name) {
        return stack.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "HelmRelease".equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason).toList();
    }

    /** The reasons published on {@code tributary.release-events} for HelmRelease {@code name}, in order. */
    private static List<String> publishedReasons(String name) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, unique("lifecycle-it"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RELEASE_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean assigned = false;
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    CloudEvent<ReleaseEvent> event = CloudEventCodec.decode(record.value(), ReleaseEvent.class);
                    if (name.equals(event.data().involvedObject().name()) && NS.equals(event.data().involvedObject().namespace())) {
                        reasons.add(event.data().reason());
                    }
                }
                if (!consumer.assignment().isEmpty()) {
                    assigned = true;
                }
                // caught up with what was on the topic when we joined
                if (assigned && records.isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
        }
        return reasons;
    }

    private static void awaitReadyAtGeneration(String name) {
        stack.await(name + " Ready at its generation", PATIENCE, () -> {
            HelmRelease release = get(name);
            return release != null && release.getStatus() != null
                    && release.getMetadata().getGeneration().equals(release.getStatus().observedGeneration)
                    && Conditions.isTrue(release.getStatus().conditions, "Ready");
        });
    }

    private static void requestFetch(String gitRepository, String token) {
        stack.edit(GitRepository.class, NS, gitRepository, r -> {
            r.getMetadata().getAnnotations().put(Annotations.REQUESTED_AT, token);
            return r;
        });
    }

    private static String message(String configMap) {
        var cm = stack.client().configMaps().inNamespace(NS).withName(configMap).get();
        return cm == null ? null : cm.getData().get("message");
    }

    @Test
    void anUpgradeThatNeverBecomesReadyIsRolledBackAndDeletingTheReleaseUninstallsIt() {
        String name = unique("rollback");
        chartRepository(name, Map.of("configmap.yaml", CONFIG_MAP));
        helmRelease(name, name, """
                timeout: 20s
                upgrade:
                  remediation:
                    retries: 0
                    remediateLastFailure: true
                """);
        awaitCondition(name, "Ready", "True/InstallSucceeded");
        assertThat(revisions(name)).containsExactly("1:deployed:Install complete");
        assertThat(message(name + "-settings")).isEqualTo("one");

        // a chart change adds a Deployment whose Pods never start
        commitChart(name, Map.of("configmap.yaml", CONFIG_MAP, "web.yaml", DEPLOYMENT), "add a web server");
        requestFetch(name, "push-1");
        awaitCondition(name, "Remediated", "True/RollbackSucceeded");
        List<String> revisions = revisions(name);
        assertThat(revisions).hasSize(3);
        assertThat(revisions.get(0)).isEqualTo("3:deployed:Rollback to 1");
        assertThat(revisions.get(1)).startsWith("2:failed:Upgrade \"" + name + "\" failed: ").contains(name + "-web");
        assertThat(revisions.get(2)).isEqualTo("1:superseded:Install complete");
        assertThat(conditionOf(name, "Released")).isEqualTo("False/UpgradeFailed");
        assertThat(conditionOf(name, "Stalled")).isEqualTo("True/RetriesExceeded");
        // the rollback took the release back to what revision 1 deployed
        stack.await("the rolled-back Deployment to be deleted", PATIENCE,
                () -> stack.client().apps().deployments().inNamespace(NS).withName(name + "-web").get() == null);
        assertThat(message(name + "-settings")).isEqualTo("one");
        HelmRelease release = get(name);
        assertThat(release.getStatus().history).extracting(s -> s.version + ":" + s.status)
                .containsExactly("3:deployed", "2:failed", "1:superseded");
        assertThat(release.getStatus().upgradeFailures).isEqualTo(1L);
        assertThat(eventReasons(name)).contains("InstallSucceeded", "UpgradeFailed", "RollbackSucceeded");
        assertThat(publishedReasons(name)).contains("InstallSucceeded", "UpgradeFailed", "RollbackSucceeded");

        stack.client().resources(HelmRelease.class).inNamespace(NS).withName(name).delete();
        stack.await("HelmRelease " + name + " to be gone", PATIENCE, () -> get(name) == null);
        assertThat(stack.client().configMaps().inNamespace(NS).withName(name + "-settings").get()).isNull();
        assertThat(revisions(name)).isEmpty();
    }

    @Test
    void aFailingTestHookFailsTheReleaseUnlessItsFailuresAreIgnored() {
        String source = unique("tested");
        chartRepository(source, Map.of("configmap.yaml", CONFIG_MAP, "tests/smoke.yaml", SMOKE_TEST));
        String strict = source + "-strict";
        String lenient = source + "-lenient";
        helmRelease(strict, source, """
                test:
                  enable: true
                """);
        helmRelease(lenient, source, """
                test:
                  enable: true
                  ignoreFailures: true
                """);

        awaitCondition(strict, "Stalled", "True/RetriesExceeded");
        assertThat(conditionOf(strict, "TestSuccess")).isEqualTo("False/TestFailed");
        assertThat(conditionOf(strict, "Ready")).isEqualTo("False/RetriesExceeded");
        HelmRelease failed = get(strict);
        assertThat(failed.getStatus().history.get(0).testHooks.get(strict + "-smoke").phase).isEqualTo("Failed");
        assertThat(failed.getStatus().installFailures).isEqualTo(1L);
        assertThat(eventReasons(strict)).contains("InstallSucceeded", "TestFailed");

        // Ready ignores TestSuccess here, so it turns True while the tests still run (as in Flux)
        awaitCondition(lenient, "TestSuccess", "False/TestFailed");
        assertThat(conditionOf(lenient, "Ready")).isEqualTo("True/InstallSucceeded");
        HelmRelease ignored = get(lenient);
        assertThat(ignored.getStatus().history.get(0).testHooks.get(lenient + "-smoke").phase).isEqualTo("Failed");
        assertThat(ignored.getStatus().installFailures).isNull();
        assertThat(revisions(lenient)).containsExactly("1:deployed:Install complete");
    }

    @Test
    void aReleaseServiceKilledMidUpgradeLeavesNoReleasePending() throws Exception {
        String name = unique("crash");
        chartRepository(name, Map.of("configmap.yaml", CONFIG_MAP, "migrate.yaml", MIGRATION_HOOK));
        helmRelease(name, name, """
                timeout: 5m
                upgrade:
                  remediation:
                    retries: 3
                """);
        awaitCondition(name, "Ready", "True/InstallSucceeded");

        migration = Kubelet.Outcome.PENDING; // the upgrade waits on its post-upgrade hook
        stack.edit(HelmRelease.class, NS, name, r -> {
            r.getSpec().values = Map.of("message", "two", "migrate", true);
            return r;
        });
        stack.await("revision 2 pending-upgrade with its hook Job created", PATIENCE, () -> revisions(name).get(0).startsWith("2:pending-upgrade")
                && stack.client().batch().v1().jobs().inNamespace(NS).withName(name + "-migrate").get() != null);
        assertThat(conditionOf(name, "Reconciling")).startsWith("True/");
        stack.kill("release-service");
        migration = Kubelet.Outcome.SUCCEED;
        stack.restart("release-service");

        awaitReadyAtGeneration(name);
        List<String> revisions = revisions(name);
        assertThat(revisions).noneMatch(r -> r.contains(":pending-"));
        assertThat(revisions.get(0)).contains(":deployed:");
        assertThat(revisions).filteredOn(r -> r.contains(":deployed:")).hasSize(1);
        assertThat(revisions).anyMatch(r -> r.startsWith("2:failed:"));
        assertThat(conditionOf(name, "Released")).isEqualTo("True/UpgradeSucceeded");
        assertThat(message(name + "-settings")).isEqualTo("two");
    }

    @Test
    void driftOfAReleaseIsCorrectedWithoutANewRevision() {
        String name = unique("drift");
        chartRepository(name, Map.of("configmap.yaml", CONFIG_MAP, "web.yaml", DEPLOYMENT));
        helmRelease(name, name, """
                install:
                  disableWait: true
                driftDetection:
                  mode: enabled
                """);
        awaitCondition(name, "Ready", "True/InstallSucceeded");
        assertThat(revisions(name)).containsExactly("1:deployed:Install complete");

        // someone scales the Deployment and deletes the ConfigMap
        stack.client().apps().deployments().inNamespace(NS).withName(name + "-web").scale(4);
        stack.client().configMaps().inNamespace(NS).withName(name + "-settings").delete();
        stack.await("the ConfigMap to be gone", PATIENCE, () -> stack.client().configMaps().inNamespace(NS).withName(name + "-settings").get() == null);
        stack.edit(HelmRelease.class, NS, name, r -> {
            r.getMetadata().getAnnotations().put(Annotations.REQUESTED_AT, "drift-1");
            return r;
        });

        stack.await("both objects to come back", PATIENCE, () -> {
            var deployment = stack.client().apps().deployments().inNamespace(NS).withName(name + "-web").get();
            return deployment != null && deployment.getSpec().getReplicas() == 1 && message(name + "-settings") != null;
        });
        assertThat(message(name + "-settings")).isEqualTo("one");
        assertThat(revisions(name)).containsExactly("1:deployed:Install complete");
        stack.await("the correction to be recorded", PATIENCE, () -> eventReasons(name).contains("DriftCorrected"));
        assertThat(eventReasons(name)).contains("DriftCorrected");
    }
}
