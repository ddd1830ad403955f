package io.tributary.release.wait;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Helm v3's ReadyChecker rules (pkg/kube/ready.go at v3.21.4), as waitStrategy legacy applies them. */
class LegacyReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Fake(String replicaSet, boolean podsReady) implements LegacyReadiness.Lookup {
        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> newReplicaSet(Map<String, Object> deployment) {
            try {
                return replicaSet == null ? null : JSON.readValue(replicaSet, Map.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean podsReady(Map<String, Object> owner) {
            return podsReady;
        }
    }

    private static final String RS_READY_3 = "{\"metadata\":{\"generation\":1},\"status\":{\"observedGeneration\":1,\"readyReplicas\":3}}";
    private static final String RS_READY_2 = "{\"metadata\":{\"generation\":1},\"status\":{\"observedGeneration\":1,\"readyReplicas\":2}}";

    static Stream<Arguments> rows() {
        String deployment = "{\"metadata\":{\"generation\":2},\"spec\":{\"replicas\":4,\"strategy\":{\"type\":\"RollingUpdate\","
                + "\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":\"25%\"}}},\"status\":{\"observedGeneration\":2}}";
        return Stream.of(
                // Deployment: ready replicas of the new ReplicaSet >= replicas - maxUnavailable (4 - 1)
                Arguments.of("Deployment", deployment, RS_READY_3, true, Readiness.Status.CURRENT),
                Arguments.of("Deployment", deployment, RS_READY_2, true, Readiness.Status.IN_PROGRESS),
                Arguments.of("Deployment", deployment, null, true, Readiness.Status.IN_PROGRESS),
                Arguments.of("Deployment", deployment.replace("\"observedGeneration\":2", "\"observedGeneration\":1"), RS_READY_3, true,
                        Readiness.Status.IN_PROGRESS),
                Arguments.of("Deployment", "{\"metadata\":{\"generation\":1},\"spec\":{\"replicas\":2,\"strategy\":{\"type\":\"Recreate\"}},"
                        + "\"status\":{\"observedGeneration\":1}}", RS_READY_2, true, Readiness.Status.CURRENT),
                Arguments.of("Deployment", "{\"metadata\":{\"generation\":1},\"spec\":{\"paused\":true}}", RS_READY_3, true,
                        Readiness.Status.IN_PROGRESS),
                // Job: failed beyond its backoff limit fails the wait; completions must be reached
                Arguments.of("Job", "{\"spec\":{\"backoffLimit\":0,\"completions\":1},\"status\":{\"failed\":1}}", null, true,
                        Readiness.Status.FAILED),
                Arguments.of("Job", "{\"spec\":{\"backoffLimit\":2,\"completions\":1},\"status\":{\"failed\":1}}", null, true,
                        Readiness.Status.IN_PROGRESS),
                Arguments.of("Job", "{\"spec\":{\"backoffLimit\":2,\"completions\":1},\"status\":{\"succeeded\":1}}", null, true,
                        Readiness.Status.CURRENT),
                // Pod: the Ready condition only (a Succeeded Pod is not Ready)
                Arguments.of("Pod", "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}", null, true,
                        Readiness.Status.CURRENT),
                Arguments.of("Pod", "{\"status\":{\"phase\":\"Succeeded\"}}", null, true, Readiness.Status.IN_PROGRESS),
                // Service: a cluster IP, and for a LoadBalancer an ingress or external IPs
                Arguments.of("Service", "{\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":\"10.0.0.1\"}}", null, true, Readiness.Status.CURRENT),
                Arguments.of("Service", "{\"spec\":{\"type\":\"LoadBalancer\",\"clusterIP\":\"10.0.0.1\"},\"status\":{}}", null, true,
                        Readiness.Status.IN_PROGRESS),
                Arguments.of("Service", "{\"spec\":{\"type\":\"ExternalName\"}}", null, true, Readiness.Status.CURRENT),
                // StatefulSet: partition, ready replicas, revisions
                Arguments.of("StatefulSet", "{\"metadata\":{\"generation\":1},\"spec\":{\"replicas\":2},\"status\":{\"observedGeneration\":1,"
                        + "\"updatedReplicas\":2,\"readyReplicas\":2,\"currentRevision\":\"a\",\"updateRevision\":\"a\"}}", null, true,
                        Readiness.Status.CURRENT),
                Arguments.of("StatefulSet", "{\"metadata\":{\"generation\":1},\"spec\":{\"replicas\":2},\"status\":{\"observedGeneration\":1,"
                        + "\"updatedReplicas\":2,\"readyReplicas\":2,\"currentRevision\":\"a\",\"updateRevision\":\"b\"}}", null, true,
                        Readiness.Status.IN_PROGRESS),
                // DaemonSet: all scheduled, ready >= desired - maxUnavailable
                Arguments.of("DaemonSet", "{\"metadata\":{\"generation\":1},\"spec\":{\"updateStrategy\":{\"type\":\"RollingUpdate\","
                        + "\"rollingUpdate\":{\"maxUnavailable\":1}}},\"status\":{\"observedGeneration\":1,\"desiredNumberScheduled\":3,"
                        + "\"updatedNumberScheduled\":3,\"numberReady\":2}}", null, true, Readiness.Status.CURRENT),
                // ReplicaSet: its Pods
                Arguments.of("ReplicaSet", "{\"metadata\":{\"generation\":1},\"status\":{\"observedGeneration\":1}}", null, false,
                        Readiness.Status.IN_PROGRESS),
                Arguments.of("PersistentVolumeClaim", "{\"status\":{\"phase\":\"Pending\"}}", null, true, Readiness.Status.IN_PROGRESS),
                // kinds Helm v3 does not know are ready once they exist, whatever their conditions say
                Arguments.of("Certificate", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}]}}", null, true,
                        Readiness.Status.CURRENT));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    @SuppressWarnings("unchecked")
    void judges(String kind, String object, String replicaSet, boolean podsReady, Readiness.Status expected) throws Exception {
        assertThat(LegacyReadiness.of(kind, JSON.readValue(object, Map.class), true, new Fake(replicaSet, podsReady)).status())
                .isEqualTo(expected);
    }
}
