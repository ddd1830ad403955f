package io.tributary.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    @Test
    void roundTripsArtifactStoredAsStructuredCloudEvent() throws Exception {
        var source = new ObjectRef("GitRepository", "default", "podinfo");
        var artifact = new ArtifactInfo("gitrepository/default/podinfo/abc.tar.gz", "http://a/x", "main@sha1:abc",
                "sha256:00", 12, Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        var stored = new ArtifactStored(source, "info", "NewArtifact", "stored", Map.of("revision", "main@sha1:abc"), artifact);

        String json = CloudEventCodec.encode("artifact-service", source.key(), stored);

        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("specversion").asText()).isEqualTo("1.0");
        assertThat(tree.get("type").asText()).isEqualTo("io.tributary.artifact.stored.v1");
        assertThat(tree.get("subject").asText()).isEqualTo("GitRepository/default/podinfo");
        assertThat(tree.get("data").get("artifact").get("lastUpdateTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(CloudEventCodec.decode(json, ArtifactStored.class).data()).isEqualTo(stored);
    }

    @Test
    void rejectsAnEnvelopeOfAnotherType() {
        String json = CloudEventCodec.encode("fetcher", "k", new FetchRequested(new ObjectRef("a", "b", "c"), "Created", null, 1));
        assertThatThrownBy(() -> CloudEventCodec.decode(json, ArtifactStored.class))
                .hasMessageContaining("expected event type io.tributary.artifact.stored.v1");
        assertThatThrownBy(() -> CloudEventCodec.decode("{not json", FetchRequested.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesObjectKeys() {
        assertThat(ObjectRef.parse("HelmChart/ns/n")).isEqualTo(new ObjectRef("HelmChart", "ns", "n"));
        assertThatThrownBy(() -> ObjectRef.parse("HelmChart/ns")).hasMessageContaining("kind/namespace/name");
        assertThatThrownBy(() -> ObjectRef.parse("a//b")).isInstanceOf(IllegalArgumentException.class);
    }
}
