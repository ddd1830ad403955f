package io.tributary.release.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Helm's release object ({@code helm.sh/helm/v4/pkg/release/v1.Release}) as JSON, the fields helm reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelmReleaseRecord(
        String name,
        Info info,
        Chart chart,
        Map<String, Object> config,
        String manifest,
        List<HookRecord> hooks,
        int version,
        String namespace) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Info(
            @JsonProperty("first_deployed") String firstDeployed,
            @JsonProperty("last_deployed") String lastDeployed,
            String deleted,
            String description,
            String status,
            String notes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(Map<String, Object> metadata, List<File> templates, Map<String, Object> values, List<File> files) {

        public String name() {
            return metadata == null || metadata.get("name") == null ? "" : String.valueOf(metadata.get("name"));
        }

        public String version() {
            return metadata == null || metadata.get("version") == null ? "" : String.valueOf(metadata.get("version"));
        }

        public String appVersion() {
            return metadata == null || metadata.get("appVersion") == null ? null : String.valueOf(metadata.get("appVersion"));
        }
    }

    /** A chart file; {@code data} is base64, as Go encodes a byte slice. */
    public record File(String name, String data) {
    }

    public HelmReleaseRecord withStatus(String status, String description) {
        return new HelmReleaseRecord(name, new Info(info.firstDeployed(), info.lastDeployed(), info.deleted(), description, status,
                info.notes()), chart, config, manifest, hooks, version, namespace);
    }

    public HelmReleaseRecord withDeleted(String deleted) {
        return new HelmReleaseRecord(name, new Info(info.firstDeployed(), info.lastDeployed(), deleted, info.description(),
                info.status(), info.notes()), chart, config, manifest, hooks, version, namespace);
    }

    /** A new revision made from this one: rollback's copy of its target. */
    public HelmReleaseRecord asRevision(int newVersion, String status, String description, String lastDeployed) {
        List<HookRecord> copied = hooks == null ? List.of() : hooks.stream().map(HookRecord::copy).toList();
        return new HelmReleaseRecord(name, new Info(info.firstDeployed(), lastDeployed, null, description, status, info.notes()),
                chart, config, manifest, copied, newVersion, namespace);
    }

    public String status() {
        return info == null ? null : info.status();
    }
}
