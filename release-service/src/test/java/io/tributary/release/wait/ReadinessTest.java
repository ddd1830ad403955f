package io.tributary.release.wait;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kstatus rules, after the cases of kubernetes-sigs/cli-utils {@code pkg/kstatus/status/status_test.go} (master): each
 * row is a kind, its spec/status as flow YAML, and the expected status.
 */
class ReadinessTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Deployment | {metadata: {generation: 2}, spec: {replicas: 1}, status: {observedGeneration: 1, updatedReplicas: 1, replicas: 1, availableReplicas: 1, readyReplicas: 1}} | IN_PROGRESS
            Deployment | {metadata: {generation: 1}, spec: {replicas: 2}, status: {observedGeneration: 1, updatedReplicas: 2, replicas: 2, availableReplicas: 2, readyReplicas: 2}} | CURRENT
            Deployment | {metadata: {generation: 1}, spec: {replicas: 2}, status: {observedGeneration: 1, updatedReplicas: 1, replicas: 2, availableReplicas: 1, readyReplicas: 1}} | IN_PROGRESS
            Deployment | {metadata: {generation: 1}, spec: {replicas: 1}, status: {observedGeneration: 1, updatedReplicas: 1, replicas: 2, availableReplicas: 1, readyReplicas: 1}} | IN_PROGRESS
            Deployment | {metadata: {generation: 1}, spec: {replicas: 1}, status: {observedGeneration: 1, updatedReplicas: 1, replicas: 1, availableReplicas: 0, readyReplicas: 0}} | IN_PROGRESS
            Deployment | {metadata: {generation: 1}, spec: {}, status: {observedGeneration: 1, updatedReplicas: 1, replicas: 1, availableReplicas: 1, readyReplicas: 1}} | CURRENT
            Deployment | {metadata: {generation: 1}, spec: {replicas: 1}, status: {observedGeneration: 1, conditions: [{type: Progressing, status: 'False', reason: ProgressDeadlineExceeded}]}} | FAILED
            Deployment | {metadata: {generation: 1}, spec: {replicas: 0}, status: {observedGeneration: 1}} | CURRENT
            StatefulSet | {metadata: {generation: 1}, spec: {replicas: 2}, status: {observedGeneration: 1, readyReplicas: 2, currentReplicas: 2, currentRevision: r1, updateRevision: r1}} | CURRENT
            StatefulSet | {metadata: {generation: 1}, spec: {replicas: 2}, status: {observedGeneration: 1, readyReplicas: 1, currentReplicas: 2, currentRevision: r1, updateRevision: r1}} | IN_PROGRESS
            StatefulSet | {metadata: {generation: 1}, spec: {replicas: 2}, status: {observedGeneration: 1, readyReplicas: 2, currentReplicas: 2, currentRevision: r1, updateRevision: r2}} | IN_PROGRESS
            StatefulSet | {metadata: {generation: 1}, spec: {replicas: 2, updateStrategy: {type: OnDelete}}, status: {observedGeneration: 1}} | CURRENT
            DaemonSet | {metadata: {generation: 1}, status: {observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberReady: 2}} | CURRENT
            DaemonSet | {metadata: {generation: 1}, status: {observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberReady: 2}} | IN_PROGRESS
            DaemonSet | {metadata: {generation: 1}, status: {observedGeneration: 1}} | IN_PROGRESS
            Job | {status: {conditions: [{type: Complete, status: 'True'}], succeeded: 1}} | CURRENT
            Job | {status: {conditions: [{type: Failed, status: 'True', reason: BackoffLimitExceeded}]}} | FAILED
            Job | {status: {active: 1}} | IN_PROGRESS
            Pod | {status: {phase: Succeeded}} | CURRENT
            Pod | {status: {phase: Failed}} | FAILED
            Pod | {status: {phase: Running, conditions: [{type: Ready, status: 'True'}]}} | CURRENT
            Pod | {status: {phase: Running, conditions: [{type: Ready, status: 'False'}]}} | IN_PROGRESS
            Pod | {status: {phase: Pending}} | IN_PROGRESS
            PersistentVolumeClaim | {status: {phase: Bound}} | CURRENT
            PersistentVolumeClaim | {status: {phase: Pending}} | IN_PROGRESS
            CustomResourceDefinition | {status: {conditions: [{type: Established, status: 'True'}]}} | CURRENT
            CustomResourceDefinition | {status: {conditions: [{type: Established, status: 'False'}]}} | IN_PROGRESS
            Widget | {metadata: {generation: 3}, status: {observedGeneration: 3, conditions: [{type: Ready, status: 'True'}]}} | CURRENT
            Widget | {metadata: {generation: 3}, status: {observedGeneration: 3, conditions: [{type: Ready, status: 'False', message: waiting}]}} | IN_PROGRESS
            Widget | {metadata: {generation: 3}, status: {observedGeneration: 2, conditions: [{type: Ready, status: 'True'}]}} | IN_PROGRESS
            Widget | {status: {conditions: [{type: Stalled, status: 'True', message: broken}]}} | FAILED
            ConfigMap | {data: {a: b}} | CURRENT
            ConfigMap | {metadata: {deletionTimestamp: '2026-01-01T00:00:00Z'}} | IN_PROGRESS
            """)
    @SuppressWarnings("unchecked")
    void rules(String kind, String yaml, Readiness.Status expected) throws Exception {
        Map<String, Object> object = YAML.readValue(yaml, Map.class);
        Readiness.Result result = Readiness.of(kind, object, true);
        assertThat(result.status()).isEqualTo(expected);
        if (expected != Readiness.Status.CURRENT) {
            assertThat(result.message()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "disableWaitForJobs: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {status: {active: 1}}
            {status: {conditions: [{type: Failed, status: 'True'}]}}
            """)
    @SuppressWarnings("unchecked")
    void jobsAreNotWaitedForWhenDisabled(String yaml) throws Exception {
        assertThat(Readiness.of("Job", YAML.readValue(yaml, Map.class), false).status()).isEqualTo(Readiness.Status.CURRENT);
    }
}
