package io.tributary.api.meta;

/** Condition types and reasons used by Flux and reproduced by Tributary. */
public final class ConditionTypes {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String ARTIFACT_IN_STORAGE = "ArtifactInStorage";
    public static final String ARTIFACT_OUTDATED = "ArtifactOutdated";
    public static final String FETCH_FAILED = "FetchFailed";
    public static final String STORAGE_OPERATION_FAILED = "StorageOperationFailed";
    public static final String SOURCE_VERIFIED = "SourceVerified";
    public static final String INCLUDE_UNAVAILABLE = "IncludeUnavailable";
    public static final String BUILD_FAILED = "BuildFailed";
    public static final String RELEASED = "Released";
    public static final String TEST_SUCCESS = "TestSuccess";
    public static final String REMEDIATED = "Remediated";
    public static final String DRIFTED = "Drifted";

    private ConditionTypes() {
    }
}
