package io.tributary.release.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON of a stored release as Helm's Secret driver decodes it: helm/helm v3.21.0 and v4.2.4
 * {@code pkg/release} (json tags of Release, Info, Hook) and {@code pkg/chart} (Chart, with its {@code lock},
 * {@code schema} and {@code files}).
 */
class ReleaseCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A release as Helm 3.21 writes it, with fields Tributary does not model: lock, apply_method, output_log_policies. */
    private static final String HELM_WRITTEN = """
            {"name":"app","info":{"first_deployed":"2026-12-02T03:40:56.123456789Z","last_deployed":"2026-12-02T03:40:56.123456789Z",
             "deleted":"","description":"Install complete","status":"deployed","notes":"Thanks"},
             "chart":{"metadata":{"name":"app","version":"1.0.0","apiVersion":"v2","appVersion":"2.0"},
              "lock":{"generated":"2026-01-01T00:00:00Z","digest":"sha256:ab","dependencies":[{"name":"dep","version":"1.0.0"}]},
              "templates":[{"name":"templates/cm.yaml","data":"a2luZDogQ29uZmlnTWFw"}],"values":{"message":"hello"},
              "schema":"eyJ0eXBlIjoib2JqZWN0In0=","files":[{"name":"README.md","data":"IyBhcHA="}]},
             "config":{"message":"one"},"manifest":"---\\n# Source: app/templates/cm.yaml\\nkind: ConfigMap\\n",
             "hooks":[{"name":"h","kind":"Job","path":"app/templates/h.yaml","manifest":"kind: Job","events":["post-install"],
              "last_run":{"started_at":"2026-12-02T03:40:57Z","completed_at":"2026-12-02T03:40:58Z","phase":"Succeeded"},
              "delete_policies":["hook-succeeded"],"output_log_policies":["hook-failed"]}],
             "version":1,"namespace":"apps","apply_method":"ssa"}
            """;

    private static String encode(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static JsonNode json(HelmReleaseRecord record) throws IOException {
        byte[] gzipped = Base64.getDecoder().decode(ReleaseCodec.encode(record));
        return JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes());
    }

    @Test
    void aReleaseHelmWroteIsRewrittenWithEveryFieldItHad() throws IOException {
        HelmReleaseRecord read = ReleaseCodec.decode(encode(HELM_WRITTEN));
        assertThat(read.chart().schema()).isEqualTo("eyJ0eXBlIjoib2JqZWN0In0=");
        assertThat(read.chart().lock()).containsEntry("digest", "sha256:ab");

        JsonNode superseded = json(read.withStatus("superseded", read.info().description()));

        ObjectNode expected = (ObjectNode) JSON.readTree(HELM_WRITTEN);
        ((ObjectNode) expected.get("info")).put("status", "superseded");
        assertThat(superseded).isEqualTo(expected);
        assertThat(json(read.asRevision(2, "deployed", "Rollback to 1", "2026-12-02T04:00:00Z")).path("hooks").get(0)
                .path("output_log_policies")).isEqualTo(expected.path("hooks").get(0).path("output_log_policies"));
        assertThat(json(ReleaseCodec.decode(ReleaseCodec.encode(read)))).isEqualTo(json(read));
    }

    /** Go's omitempty on Release.config, manifest, hooks and Info.description, notes: an empty one is not written. */
    @ParameterizedTest(name = "{0} empty -> not written")
    @CsvSource({"config", "manifest", "hooks"})
    void emptyFieldsAreLeftOutAsGoLeavesThemOut(String field) throws IOException {
        HelmReleaseRecord empty = new HelmReleaseRecord("app",
                new HelmReleaseRecord.Info("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, "", "pending-install", ""),
                new HelmReleaseRecord.Chart(Map.of("name", "app", "version", "1.0.0"), List.of(), Map.of(), List.of()),
                Map.of(), "", List.of(), 1, "apps");
        HelmReleaseRecord full = new HelmReleaseRecord("app",
                new HelmReleaseRecord.Info("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, "d", "deployed", "n"),
                empty.chart(), Map.of("a", 1), "kind: ConfigMap", List.of(new HookRecord()), 1, "apps");
        assertThat(json(empty).has(field)).isFalse();
        assertThat(json(full).has(field)).isTrue();
        assertThat(json(empty).path("info").has("description")).isFalse();
        assertThat(json(empty).path("info").has("notes")).isFalse();
        assertThat(json(empty).path("info").has("deleted")).isFalse();
    }

    /** Helm 4 records how a revision was applied; {@code pkg/action/action.go} determineReleaseSSApplyMethod. */
    @ParameterizedTest(name = "server-side {0} -> {1}")
    @CsvSource({"true, ssa", "false, csa"})
    void theApplyMethodIsRecordedAsHelm4RecordsIt(boolean serverSide, String method) throws IOException {
        HelmReleaseRecord r = new HelmReleaseRecord("app",
                new HelmReleaseRecord.Info("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, "d", "deployed", null),
                new HelmReleaseRecord.Chart(Map.of("name", "app", "version", "1.0.0"), List.of(), Map.of(), List.of()),
                Map.of(), "", List.of(), 1, "apps").withApplyMethod(serverSide);
        assertThat(json(r).path("apply_method").asText()).isEqualTo(method);
        assertThat(json(r.withStatus("superseded", "d").asRevision(2, "deployed", "Rollback to 1", "2026-01-02T00:00:00Z"))
                .path("apply_method").asText()).isEqualTo(method);
        assertThat(ReleaseCodec.decode(ReleaseCodec.encode(r)).applyMethod()).isEqualTo(method);
    }
}
