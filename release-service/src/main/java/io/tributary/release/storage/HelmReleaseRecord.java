package io.tributary.release.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Helm's release object ({@code helm.sh/helm/v3/pkg/release.Release}) as JSON, the fields helm reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelmReleaseRecord(
        String name,
        Info info,
        Chart chart,
        Map<String, Object> config,
        String manifest,
        List<Object> hooks,
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
    }

    /** A chart file; {@code data} is base64, as Go encodes a byte slice. */
    public record File(String name, String data) {
    }

    public HelmReleaseRecord withStatus(String status, String description) {
        return new HelmReleaseRecord(name, new Info(info.firstDeployed(), info.lastDeployed(), info.deleted(), description, status,
                info.notes()), chart, config, manifest, hooks, version, namespace);
    }
}
