package io.tributary.api.helm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmReleaseStatus {
    public Long observedGeneration;
    public String lastHandledReconcileAt;
    public String lastHandledForceAt;
    public String lastHandledResetAt;
    public List<Condition> conditions;
    /** namespace/name of the HelmChart this release uses. */
    public String helmChart;
    @Size(min = 1, max = 63)
    public String storageNamespace;
    /** Release snapshots, newest first. */
    public List<Snapshot> history;
    public Long lastAttemptedGeneration;
    public Long failures;
    public Long installFailures;
    public Long upgradeFailures;
    public String lastAttemptedRevision;
    public String lastAttemptedRevisionDigest;
    public String lastAttemptedValuesChecksum;
    public String lastAttemptedConfigDigest;
    @SchemaFrom(type = HelmReleaseChoices.ReleaseAction.class)
    public String lastAttemptedReleaseAction;
    public String lastAttemptedReleaseActionDuration;
    public Long lastReleaseRevision;
    public String observedPostRenderersDigest;
    public String observedCommonMetadataDigest;
    public Inventory inventory;

    /** Flux's {@code TestHookStatus}: a test hook as last run for a release revision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TestHookStatus {
        /** When the hook last started (RFC 3339). */
        public String lastStarted;
        /** When the hook last completed (RFC 3339). */
        public String lastCompleted;
        /** The phase it ended in: Unknown, Running, Succeeded or Failed. */
        public String phase;

        public TestHookStatus() {
        }

        public TestHookStatus(String lastStarted, String lastCompleted, String phase) {
            this.lastStarted = lastStarted;
            this.lastCompleted = lastCompleted;
            this.phase = phase;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Snapshot {
        public String apiVersion;
        @Required
        public String digest;
        @Required
        public String name;
        @Required
        public String namespace;
        @Required
        public Long version;
        @Required
        public String status;
        @Required
        public String chartName;
        @Required
        public String chartVersion;
        public String appVersion;
        @Required
        public String configDigest;
        @Required
        public String firstDeployed;
        @Required
        public String lastDeployed;
        public String deleted;
        public Map<String, TestHookStatus> testHooks;
        public String ociDigest;
        public String action;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Inventory {
        @Required
        public List<Entry> entries;

        public static class Entry {
            @Required
            public String id;
            @Required
            public String v;
        }
    }
}
