package io.tributary.api.meta;

/** CamelCase condition and event reasons, as Flux writes them. */
public final class Reasons {
    public static final String SUCCEEDED = "Succeeded";
    public static final String PROGRESSING = "Progressing";
    public static final String PROGRESSING_WITH_RETRY = "ProgressingWithRetry";
    public static final String NEW_REVISION = "NewRevision";
    public static final String NEW_ARTIFACT = "NewArtifact";
    public static final String ARTIFACT_UP_TO_DATE = "ArtifactUpToDate";
    public static final String URL_INVALID = "URLInvalid";
    public static final String INVALID_PATH = "InvalidPath";
    /** A spec no schema refuses but Tributary cannot serve (e.g. a spec.ignore too large to record in status). */
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    public static final String GIT_OPERATION_FAILED = "GitOperationFailed";
    public static final String ARCHIVE_OPERATION_FAILED = "ArchiveOperationFailed";
    /** Flux's generic reason for a failure no more specific reason describes. */
    public static final String RECONCILIATION_FAILED = "ReconciliationFailed";
    public static final String CHART_PULL_ERROR = "ChartPullError";
    public static final String CHART_PACKAGE_ERROR = "ChartPackageError";
    public static final String SOURCE_NOT_READY = "SourceNotReady";
    public static final String INDEXATION_FAILED = "IndexationFailed";
    public static final String ARTIFACT_FAILED = "ArtifactFailed";
    public static final String INSTALL_SUCCEEDED = "InstallSucceeded";
    public static final String INSTALL_FAILED = "InstallFailed";
    public static final String UPGRADE_SUCCEEDED = "UpgradeSucceeded";
    public static final String UPGRADE_FAILED = "UpgradeFailed";
    public static final String HELM_CHART_NOT_READY = "HelmChartNotReady";
    /** A HelmRelease named in {@code spec.dependsOn} is missing or not Ready. */
    public static final String DEPENDENCY_NOT_READY = "DependencyNotReady";
    /** A CEL expression of the spec does not compile. */
    public static final String INVALID_CEL_EXPRESSION = "InvalidCELExpression";
    public static final String INVALID_CHART_REFERENCE = "InvalidChartReference";
    /** helm-controller: the chart's source revision does not fit the chart version it holds. */
    public static final String CHART_MUTATE_ERROR = "ChartMutateError";
    /** Flux's ACL reason: the referenced object may not be read (a disabled feature gate, a cross-namespace ban). */
    public static final String ACCESS_DENIED = "AccessDenied";
    public static final String INITIALIZATION_FAILED = "InitializationFailed";
    /** helm-controller: no client for the release's cluster or identity (kubeConfig, serviceAccountName). */
    public static final String REST_CLIENT_ERROR = "RESTClientError";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String TOKEN_NOT_FOUND = "TokenNotFound";
    // helm-controller's release lifecycle (api/v2/condition_types.go, internal/reconcile)
    public static final String TEST_SUCCEEDED = "TestSucceeded";
    public static final String TEST_FAILED = "TestFailed";
    public static final String ROLLBACK_SUCCEEDED = "RollbackSucceeded";
    public static final String ROLLBACK_FAILED = "RollbackFailed";
    public static final String UNINSTALL_SUCCEEDED = "UninstallSucceeded";
    public static final String UNINSTALL_FAILED = "UninstallFailed";
    public static final String DRIFT_DETECTED = "DriftDetected";
    public static final String NO_DRIFT_DETECTED = "NoDriftDetected";
    /** Stalled: no install or upgrade retries remain. */
    public static final String RETRIES_EXCEEDED = "RetriesExceeded";
    /** Stalled: a rollback remediation has no earlier release to go back to. */
    public static final String MISSING_ROLLBACK_TARGET = "MissingRollbackTarget";
    /** Released=False while a release is unlocked from a stale pending-* status. */
    public static final String PENDING_RELEASE = "PendingRelease";
    /** Ready=False: an action failed without changing Helm storage. */
    public static final String RECONCILE_ERROR = "ReconcileError";
    /** Ready=False: the release state could not be determined. */
    public static final String STATE_ERROR = "StateError";

    private Reasons() {
    }
}
