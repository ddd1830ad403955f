package io.tributary.release.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseStatus;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.Conditions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which chart sources a release can use and which artifact changes wake it: helm-controller's {@code isSourceReady} /
 * {@code isReady} rows ({@code helmrelease_controller_test.go}, TestHelmReleaseReconciler_isOCIRepositoryReady) and its
 * {@code requestsFor<Kind>Change} skip rules ({@code helmrelease_indexers.go}); the reference checks of
 * {@code spec.chartRef}.
 */
class ChartSourceTest {

    private static final String DIGEST = "sha256:9933f58f8bf459eb199d59ebc8a05683f3944e1242d9f5467d99aa2cf08a5370";

    /** observed -1 = none; ready/stalled "" = no condition; revision "" = no artifact. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ready OCIRepository                      | OCIRepository    | 2 | 2  | True  | ''    | 1.0.0@sha256:a | ''
            generation not reconciled                | OCIRepository    | 3 | 2  | True  | ''    | 1.0.0@sha256:a | OCIRepository 'default/mock' is not ready: latest generation of object has not been reconciled
            generation not reconciled, Ready False   | OCIRepository    | 3 | 2  | False | ''    | 1.0.0@sha256:a | OCIRepository 'default/mock' is not ready: some reason
            Stalled                                  | OCIRepository    | 2 | 2  | False | True  | 1.0.0@sha256:a | OCIRepository 'default/mock' is not ready: some stalled reason
            no artifact                              | OCIRepository    | 2 | 2  | True  | ''    | ''             | OCIRepository 'default/mock' is not ready: does not have an artifact
            Ready False but reconciled with artifact | HelmChart        | 2 | 2  | False | ''    | 1.0.0          | ''
            HelmChart never reconciled               | HelmChart        | 1 | -1 | ''    | ''    | ''             | HelmChart 'default/mock' is not ready: latest generation of object has not been reconciled
            ExternalArtifact with artifact only      | ExternalArtifact | 1 | -1 | ''    | ''    | sha256:a       | ''
            ExternalArtifact without artifact        | ExternalArtifact | 1 | -1 | True  | ''    | ''             | ExternalArtifact 'default/mock' is not ready: does not have an artifact
            """)
    void readiness(String name, String kind, long generation, long observed, String ready, String stalled, String revision, String message) {
        ChartSource source = new ChartSource(kind, "default", "mock", generation, observed < 0 ? null : observed,
                conditions(ready, "some reason", stalled), revision.isEmpty() ? null : artifact(revision));
        assertThat(source.notReady().orElse("")).isEqualTo(message);
    }

    /** ready/reconciling of the release; last attempts "" = none. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            OCI digest already attempted                | OCIRepository    | 1.0.0@DIGEST | True  | ''    | 1.0.0+9933f58f8bf4 | DIGEST | false
            OCI digest attempted while reconciling      | OCIRepository    | 1.0.0@DIGEST | False | True  | 1.0.0+9933f58f8bf4 | DIGEST | false
            OCI digest attempted but release failed     | OCIRepository    | 1.0.0@DIGEST | False | ''    | 1.0.0+9933f58f8bf4 | DIGEST | true
            OCI new digest                              | OCIRepository    | 1.0.0@DIGEST | True  | ''    | 1.0.0+000000000000 | sha256:0 | true
            OCI revision without digest                 | OCIRepository    | a@b@DIGEST   | False | ''    | ''                 | ''     | false
            ExternalArtifact digest attempted           | ExternalArtifact | DIGEST       | True  | ''    | 2.0.0+9933f58f8bf4 | DIGEST | false
            ExternalArtifact new digest                 | ExternalArtifact | DIGEST       | True  | ''    | 2.0.0+000000000000 | sha256:0 | true
            ExternalArtifact version attempted          | ExternalArtifact | 2.0.0        | True  | ''    | 2.0.0              | ''     | false
            ExternalArtifact new version                | ExternalArtifact | 2.0.1        | True  | ''    | 2.0.0              | ''     | true
            HelmChart revision attempted                | HelmChart        | 0.1.0        | True  | ''    | 0.1.0              | ''     | false
            HelmChart new revision                      | HelmChart        | 0.2.0        | True  | ''    | 0.1.0              | ''     | true
            HelmChart revision attempted, release fresh | HelmChart        | 0.1.0        | ''    | ''    | ''                 | ''     | true
            """)
    void artifactChangesWakeReleasesThatHaveNotAttemptedThem(String name, String kind, String revision, String ready, String reconciling,
            String lastRevision, String lastDigest, boolean wakes) {
        HelmRelease release = new HelmRelease();
        release.setStatus(new HelmReleaseStatus());
        List<Condition> conditions = new ArrayList<>();
        if (!ready.isEmpty()) {
            conditions = Conditions.set(conditions, "Ready", Boolean.parseBoolean(ready), "Any", "m", 1L);
        }
        if (!reconciling.isEmpty()) {
            conditions = Conditions.set(conditions, "Reconciling", Boolean.parseBoolean(reconciling), "Progressing", "m", 1L);
        }
        release.getStatus().conditions = conditions;
        release.getStatus().lastAttemptedRevision = lastRevision.isEmpty() ? null : lastRevision;
        release.getStatus().lastAttemptedRevisionDigest = lastDigest.isEmpty() ? null : lastDigest.replace("DIGEST", DIGEST);
        ChartSource source = new ChartSource(kind, "default", "mock", 1L, 1L, null, artifact(revision.replace("DIGEST", DIGEST)));
        assertThat(ReleaseEventFilters.releaseWantsArtifact(release, source)).isEqualTo(wakes);
    }

    @ParameterizedTest(name = "kind {0}")
    @CsvSource(delimiter = '|', textBlock = """
            GitRepository | spec.chartRef.kind: must be OCIRepository, HelmChart or ExternalArtifact, got 'GitRepository'
            Bucket        | spec.chartRef.kind: must be OCIRepository, HelmChart or ExternalArtifact, got 'Bucket'
            """)
    void anUnsupportedChartRefKindIsRefusedNamingTheField(String kind, String message) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setNamespace("default");
        release.setSpec(new HelmReleaseSpec());
        release.getSpec().chartRef = new HelmReleaseSpec.CrossNamespaceSourceReference();
        release.getSpec().chartRef.kind = kind;
        release.getSpec().chartRef.name = "x";
        assertThatThrownBy(() -> ChartReferences.validate(release)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static List<Condition> conditions(String ready, String readyMessage, String stalled) {
        List<Condition> conditions = new ArrayList<>();
        if (!ready.isEmpty()) {
            conditions = Conditions.set(conditions, "Ready", Boolean.parseBoolean(ready), "Reason", readyMessage, 1L);
        }
        if (!stalled.isEmpty()) {
            conditions = Conditions.set(conditions, "Stalled", Boolean.parseBoolean(stalled), "Reason", "some stalled reason", 1L);
        }
        return conditions;
    }

    private static Artifact artifact(String revision) {
        Artifact artifact = new Artifact();
        artifact.revision = revision;
        return artifact;
    }
}
