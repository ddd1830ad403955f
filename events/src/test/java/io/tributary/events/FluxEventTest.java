package io.tributary.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxEventTest {

    private static final FluxEvent.InvolvedObject REPO = new FluxEvent.InvolvedObject(
            "source.toolkit.fluxcd.io/v1", "GitRepository", "apps", "podinfo", "uid-1");

    @Test
    void metadataPrefixesControllerKeysWithTheObjectGroupAndKeepsEventAnnotations() {
        Map<String, String> metadata = FluxEvent.metadata(REPO, Map.of("revision", "main@sha1:abc", "digest", "sha256:00"),
                Map.of("event.toolkit.fluxcd.io/team", "blue", "kubectl.kubernetes.io/last-applied", "{}"));

        assertThat(metadata).containsOnly(
                Map.entry("source.toolkit.fluxcd.io/revision", "main@sha1:abc"),
                Map.entry("source.toolkit.fluxcd.io/digest", "sha256:00"),
                Map.entry("event.toolkit.fluxcd.io/team", "blue"));
    }

    @Test
    void ofBuildsTheEventAsFluxsRecorderDoes() {
        FluxEvent event = FluxEvent.of(REPO, Map.of("event.toolkit.fluxcd.io/env", "prod"), FluxEvent.ERROR, "GitOperationFailed", "boom",
                Map.of("revision", "r"), "source-controller", "pod-1");
        assertThat(event.metadata()).containsOnly(Map.entry("source.toolkit.fluxcd.io/revision", "r"), Map.entry("event.toolkit.fluxcd.io/env", "prod"));
        assertThat(event.timestamp().getNano()).isZero();
        assertThat(event.severity()).isEqualTo("error");
        assertThat(event.reportingInstance()).isEqualTo("pod-1");
    }

    @Test
    void groupOfACoreObjectIsEmpty() {
        assertThat(new FluxEvent.InvolvedObject("v1", "Secret", "a", "b", null).group()).isEmpty();
        assertThat(REPO.group()).isEqualTo("source.toolkit.fluxcd.io");
        assertThat(REPO.key()).isEqualTo("GitRepository/apps/podinfo");
    }

    @Test
    void roundTripsWithFluxFieldNames() throws Exception {
        FluxEvent event = new FluxEvent(REPO, FluxEvent.INFO, Instant.parse("2026-01-01T00:00:00Z"), "stored artifact",
                "NewArtifact", Map.of("source.toolkit.fluxcd.io/revision", "main@sha1:abc"), "source-controller", "fetcher-0");

        String json = CloudEventCodec.encode("fetcher-service", REPO.key(), event);

        var data = new ObjectMapper().readTree(json).get("data");
        assertThat(new ObjectMapper().readTree(json).get("type").asText()).isEqualTo(FluxEvent.TYPE);
        assertThat(data.get("involvedObject").get("kind").asText()).isEqualTo("GitRepository");
        assertThat(data.get("severity").asText()).isEqualTo("info");
        assertThat(data.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(data.get("reportingController").asText()).isEqualTo("source-controller");
        assertThat(data.get("metadata").get("source.toolkit.fluxcd.io/revision").asText()).isEqualTo("main@sha1:abc");
        assertThat(CloudEventCodec.decode(json, FluxEvent.class).data()).isEqualTo(event);
    }
}
