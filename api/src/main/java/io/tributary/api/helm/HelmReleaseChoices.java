package io.tributary.api.helm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values Flux's CRD allows for HelmRelease fields that the model keeps as plain strings; only the CRD schema
 * uses these enums (through {@code @SchemaFrom}), so the API server refuses anything else.
 */
public final class HelmReleaseChoices {

    private HelmReleaseChoices() {
    }

    public enum ChartSourceKind { HelmRepository, GitRepository, Bucket }

    public enum ChartRefKind { OCIRepository, HelmChart, ExternalArtifact }

    public enum ReconcileStrategy { ChartVersion, Revision }

    public enum VerificationProvider {
        @JsonProperty("cosign") COSIGN,
        @JsonProperty("notation") NOTATION
    }

    public enum DriftDetectionMode {
        @JsonProperty("enabled") ENABLED,
        @JsonProperty("warn") WARN,
        @JsonProperty("disabled") DISABLED
    }

    public enum CrdPolicy { Skip, Create, CreateReplace }

    public enum ActionStrategyName { RemediateOnFailure, RetryOnFailure }

    public enum RemediationStrategy {
        @JsonProperty("rollback") ROLLBACK,
        @JsonProperty("uninstall") UNINSTALL
    }

    public enum PostRenderStrategy {
        @JsonProperty("nohooks") NOHOOKS,
        @JsonProperty("combined") COMBINED,
        @JsonProperty("separate") SEPARATE
    }

    public enum ServerSideApply {
        @JsonProperty("enabled") ENABLED,
        @JsonProperty("disabled") DISABLED,
        @JsonProperty("auto") AUTO
    }

    public enum DeletionPropagation {
        @JsonProperty("background") BACKGROUND,
        @JsonProperty("foreground") FOREGROUND,
        @JsonProperty("orphan") ORPHAN
    }

    public enum ChartNameChangeStrategy { InPlaceUpdate, Reinstall }

    public enum ValuesKind { Secret, ConfigMap }

    public enum WaitStrategyName {
        @JsonProperty("poller") POLLER,
        @JsonProperty("legacy") LEGACY
    }

    public enum ReleaseAction {
        @JsonProperty("install") INSTALL,
        @JsonProperty("upgrade") UPGRADE
    }
}
