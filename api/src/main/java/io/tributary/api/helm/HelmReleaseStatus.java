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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Snapshot {
        public String apiVersion;
        public String digest;
        public String name;
        public String namespace;
        public Long version;
        public String status;
        public String chartName;
        public String chartVersion;
        public String appVersion;
        public String configDigest;
        public String firstDeployed;
        public String lastDeployed;
        public String deleted;
        public Map<String, String> testHooks;
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
