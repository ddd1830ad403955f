package io.tributary.release.storage;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's release object ({@code helm.sh/helm/v4/pkg/release/v1.Release}) as JSON, the fields helm reads. Empty fields
 * are left out as Go's {@code omitempty} leaves them out; fields Tributary does not model ({@code other}: a newer Helm's
 * {@code apply_method}, ...) are kept as read, so a revision Helm wrote and Tributary
 * re-saves (superseded, say) loses nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelmReleaseRecord(
        String name,
        Info info,
        Chart chart,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> config,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String manifest,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<HookRecord> hooks,
        int version,
        String namespace,
        @JsonProperty("apply_method") @JsonInclude(JsonInclude.Include.NON_EMPTY) String applyMethod,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> other) {

    /** Helm 4's {@code apply_method}: how the revision's objects were applied; none (Helm 3) means client-side. */
    public static String applyMethod(boolean serverSideApply) {
        return serverSideApply ? "ssa" : "csa";
    }

    public HelmReleaseRecord {
        // what Go leaves out reads back as empty, so a record decodes equal to the one encoded
        config = config == null ? Map.of() : config;
        manifest = manifest == null ? "" : manifest;
        hooks = hooks == null ? List.of() : hooks;
        other = unmodifiable(other);
    }

    public HelmReleaseRecord(String name, Info info, Chart chart, Map<String, Object> config, String manifest, List<HookRecord> hooks,
            int version, String namespace) {
        this(name, info, chart, config, manifest, hooks, version, namespace, null, Map.of());
    }

    static Map<String, Object> unmodifiable(Map<String, Object> fields) {
        // JSON nulls are values here (Helm writes "lock": null, say), which Map.copyOf refuses
        return fields == null || fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Info(
            @JsonProperty("first_deployed") String firstDeployed,
            @JsonProperty("last_deployed") String lastDeployed,
            String deleted,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
            String status,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String notes,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> other) {

        public Info {
            other = unmodifiable(other);
        }

        public Info(String firstDeployed, String lastDeployed, String deleted, String description, String status, String notes) {
            this(firstDeployed, lastDeployed, deleted, description, status, notes, Map.of());
        }

        Info with(String lastDeployed, String deleted, String description, String status) {
            return new Info(firstDeployed, lastDeployed, deleted, description, status, notes, other);
        }
    }

    /**
     * Helm's {@code chart.Chart}: {@code lock} is {@code Chart.lock}, {@code schema} {@code values.schema.json} in base64
     * (as Go encodes a byte slice), {@code files} every other file of the chart but its subcharts.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(Map<String, Object> metadata, Map<String, Object> lock, List<File> templates, Map<String, Object> values,
            String schema, List<File> files, @JsonAnySetter @JsonAnyGetter Map<String, Object> other) {

        public Chart {
            other = unmodifiable(other);
        }

        public Chart(Map<String, Object> metadata, List<File> templates, Map<String, Object> values, List<File> files) {
            this(metadata, null, templates, values, null, files, Map.of());
        }

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
        return new HelmReleaseRecord(name, info.with(info.lastDeployed(), info.deleted(), description, status), chart, config, manifest,
                hooks, version, namespace, applyMethod, other);
    }

    public HelmReleaseRecord withDeleted(String deleted) {
        return new HelmReleaseRecord(name, info.with(info.lastDeployed(), deleted, info.description(), info.status()), chart, config,
                manifest, hooks, version, namespace, applyMethod, other);
    }

    /** A new revision made from this one: rollback's copy of its target. */
    public HelmReleaseRecord asRevision(int newVersion, String status, String description, String lastDeployed) {
        List<HookRecord> copied = hooks == null ? List.of() : hooks.stream().map(HookRecord::copy).toList();
        return new HelmReleaseRecord(name, info.with(lastDeployed, null, description, status), chart, config, manifest, copied,
                newVersion, namespace, applyMethod, other);
    }

    /** This revision as rendered: its manifest and hooks. */
    public HelmReleaseRecord withRendered(String renderedManifest, List<HookRecord> renderedHooks) {
        return new HelmReleaseRecord(name, info, chart, config, renderedManifest, renderedHooks, version, namespace, applyMethod, other);
    }

    /** This revision applied server-side or client-side, as Helm 4 records it. */
    public HelmReleaseRecord withApplyMethod(boolean serverSideApply) {
        return new HelmReleaseRecord(name, info, chart, config, manifest, hooks, version, namespace, applyMethod(serverSideApply), other);
    }

    public String status() {
        return info == null ? null : info.status();
    }
}
