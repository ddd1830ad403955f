package io.tributary.release.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmRelease;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.Conditions;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event filters of the HelmRelease controller. HelmChart rows: helm-controller's
 * {@code internal/predicates/source_predicate_test.go} at v1.6.3 (TestSourceRevisionChangePredicate_Update); the
 * "not a source" and "nil" rows have no equivalent, as the filter is typed and never given null. HelmRelease rows:
 * {@code runtime/predicates/reconcile_requested_test.go} of fluxcd/pkg at e2cfd1a2 (the "no old/new object" rows have
 * no equivalent either), with controller-runtime's GenerationChangedPredicate and the SDK's own needs added.
 */
class ReleaseEventFiltersTest {

    /** revision "" = no artifact; ready "" = no Ready condition. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            same artifact revision          | revision-a | True  | revision-a | True  | false
            diff artifact revision          | revision-a | True  | revision-b | True  | true
            new with artifact               | ''         | ''    | revision-a | ''    | true
            old with artifact               | revision-a | ''    | ''         | ''    | false
            old not ready and new ready     | revision-a | False | revision-a | True  | true
            old ready and new not ready     | revision-a | True  | revision-a | False | false
            old not ready and new not ready | revision-a | False | revision-a | False | false
            old ready and new ready         | revision-a | True  | revision-a | True  | false
            only other conditions changed   | revision-a | ''    | revision-a | ''    | false
            """)
    void chartEvents(String name, String oldRevision, String oldReady, String newRevision, String newReady, boolean expected) {
        assertThat(ReleaseEventFilters.chartRevisionChanged(chart(oldRevision, oldReady), chart(newRevision, newReady))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "added with revision ''{0}'' ready ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''         | ''    | false
            ''         | False | false
            revision-a | False | false
            revision-a | True  | true
            """)
    void chartAdds(String revision, String ready, boolean expected) {
        assertThat(ReleaseEventFilters.chartAddedWithArtifact(chart(revision, ready))).isEqualTo(expected);
    }

    /** Annotations as k=v,k=v ("" none); requestedAt written as 'req'; finalizers "sdk" or "". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reconcile request annotation in new obj | 1 | foo=bar                | ''  | 1 | foo=bar,req=t1         | ''  | false | true
            reconcile request annotation in old obj | 1 | foo=bar,req=t1         | ''  | 1 | foo=bar                | ''  | false | false
            same reconcile request annotations      | 1 | foo=bar,req=t1         | ''  | 1 | foo=baz,req=t1         | ''  | false | false
            different reconcile request annotations | 1 | foo=bar,req=t1         | ''  | 1 | foo=bar,req=t2         | ''  | false | true
            generation changed                      | 1 | ''                     | sdk | 2 | ''                     | sdk | false | true
            status written, nothing else            | 3 | req=t1                 | sdk | 3 | req=t1                 | sdk | false | false
            other annotation changed                | 3 | foo=bar                | sdk | 3 | foo=baz                | sdk | false | false
            deletion started                        | 3 | ''                     | sdk | 3 | ''                     | sdk | true  | true
            the SDK finalizer arrived               | 1 | ''                     | ''  | 1 | ''                     | sdk | false | true
            the SDK finalizer left                  | 1 | ''                     | sdk | 1 | ''                     | ''  | false | false
            """)
    void releaseEvents(String name, long oldGeneration, String oldAnnotations, String oldFinalizer, long newGeneration,
            String newAnnotations, String newFinalizer, boolean deleting, boolean expected) {
        HelmRelease before = release(oldGeneration, oldAnnotations, oldFinalizer);
        HelmRelease after = release(newGeneration, newAnnotations, newFinalizer);
        if (deleting) {
            after.getMetadata().setDeletionTimestamp("2026-12-02T04:00:00Z");
        }
        assertThat(ReleaseEventFilters.releaseChanged(before, after)).isEqualTo(expected);
        assertThat(new ReleaseEventFilters.ReleaseUpdates().accept(after, before)).isEqualTo(expected);
    }

    private static HelmChart chart(String revision, String ready) {
        HelmChart chart = new HelmChart();
        chart.setStatus(new HelmChartStatus());
        if (!revision.isEmpty()) {
            chart.getStatus().artifact = new Artifact();
            chart.getStatus().artifact.revision = revision;
        }
        chart.getStatus().conditions = Conditions.set(null, "Reconciling", true, "Progressing", "m", 1L);
        if (!ready.isEmpty()) {
            chart.getStatus().conditions = Conditions.set(chart.getStatus().conditions, "Ready", "True".equals(ready), "R", "m", 1L);
        }
        return chart;
    }

    private static HelmRelease release(long generation, String annotations, String finalizer) {
        HelmRelease release = new HelmRelease();
        release.getMetadata().setGeneration(generation);
        Map<String, String> map = new HashMap<>();
        for (String pair : annotations.isEmpty() ? new String[0] : annotations.split(",")) {
            String[] kv = pair.split("=");
            map.put("req".equals(kv[0]) ? Annotations.REQUESTED_AT : kv[0], kv[1]);
        }
        release.getMetadata().setAnnotations(map);
        List<String> finalizers = new ArrayList<>();
        if ("sdk".equals(finalizer)) {
            finalizers.add(HelmReleaseReconciler.SDK_FINALIZER);
        }
        release.getMetadata().setFinalizers(finalizers);
        return release;
    }
}
