package io.tributary.release.drift;

import static io.tributary.release.drift.ObjectDiffTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.release.drift.Diff.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ported from fluxcd/helm-controller v1.6.3 {@code internal/diff/summarize_test.go}: TestSummarizeDiffSet (7 rows),
 * TestSummarizeDiffSetBrief (4), TestResourceName (2); and from fluxcd/pkg ssa/v0.76.0 {@code ssa/jsondiff/diff_test.go}:
 * TestDiffSet_HasType (3), TestDiffSet_HasChanges (4). A nil include list is the no-argument method.
 */
class DiffSetTest {

    static Diff diff(Type type, String kind, String namespace, String name, String... ops) {
        String ns = namespace == null ? "" : ",'namespace':'" + namespace + "'";
        List<PatchOperation> patch = Stream.of(ops).map(op -> new PatchOperation(op, "/x", null, null)).toList();
        return new Diff(type, json("{'kind':'" + kind + "','metadata':{'name':'" + name + "'" + ns + "}}"), null, patch);
    }

    static final DiffSet SET = new DiffSet(List.of(
            diff(Type.NONE, "ConfigMap", "namespace-1", "config"),
            diff(Type.CREATE, "Secret", "namespace-x", "naughty"),
            diff(Type.EXCLUDE, "StatefulSet", "default", "hello-world"),
            diff(Type.UPDATE, "Deployment", "tenant-y", "touched-me", "add", "replace", "replace", "replace", "remove", "remove")));

    static Stream<Arguments> summarize() {
        return Stream.of(
                Arguments.of("default", null, "Secret/namespace-x/naughty removed\nStatefulSet/default/hello-world excluded\n"
                        + "Deployment/tenant-y/touched-me changed (1 additions, 3 changes, 2 removals)"),
                Arguments.of("include unchanged", List.of(Type.NONE), "ConfigMap/namespace-1/config unchanged"),
                Arguments.of("include removed", List.of(Type.CREATE), "Secret/namespace-x/naughty removed"),
                Arguments.of("include excluded", List.of(Type.EXCLUDE), "StatefulSet/default/hello-world excluded"),
                Arguments.of("include changed", List.of(Type.UPDATE),
                        "Deployment/tenant-y/touched-me changed (1 additions, 3 changes, 2 removals)"),
                Arguments.of("include multiple types", List.of(Type.NONE, Type.UPDATE), "ConfigMap/namespace-1/config unchanged\n"
                        + "Deployment/tenant-y/touched-me changed (1 additions, 3 changes, 2 removals)"),
                Arguments.of("empty set", List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void summarize(String name, List<Type> include, String want) {
        assertThat(include == null ? SET.summary() : SET.summary(include)).isEqualTo(want);
    }

    static Stream<Arguments> brief() {
        return Stream.of(
                Arguments.of("default include", null, "removed: 1, changed: 1, excluded: 1"),
                Arguments.of("include create and update", List.of(Type.CREATE, Type.UPDATE), "removed: 1, changed: 1"),
                Arguments.of("include all types", List.of(Type.CREATE, Type.UPDATE, Type.EXCLUDE, Type.NONE),
                        "removed: 1, changed: 1, excluded: 1, unchanged: 2"),
                Arguments.of("include none", List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void brief(String name, List<Type> include, String want) {
        DiffSet set = new DiffSet(List.of(diff(Type.CREATE, "A", null, "a"), diff(Type.UPDATE, "A", null, "b"),
                diff(Type.EXCLUDE, "A", null, "c"), diff(Type.NONE, "A", null, "d"), diff(Type.NONE, "A", null, "e")));
        assertThat(include == null ? set.brief() : set.brief(include)).isEqualTo(want);
    }

    static Stream<Arguments> resourceName() {
        return Stream.of(
                Arguments.of("with namespace", diff(Type.NONE, "Deployment", "tenant-y", "touched-me"), "Deployment/tenant-y/touched-me"),
                Arguments.of("without namespace", diff(Type.NONE, "ClusterIssuer", null, "letsencrypt"), "ClusterIssuer/letsencrypt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void resourceName(String name, Diff diff, String want) {
        assertThat(diff.resourceName()).isEqualTo(want);
    }

    static DiffSet types(Type... types) {
        return new DiffSet(Stream.of(types).map(t -> diff(t, "A", null, "a")).toList());
    }

    static Stream<Arguments> hasType() {
        return Stream.of(
                Arguments.of("contains", types(Type.EXCLUDE, Type.CREATE), Type.CREATE, true),
                Arguments.of("does not contain", types(Type.EXCLUDE, Type.CREATE), Type.UPDATE, false),
                Arguments.of("empty", types(), Type.NONE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hasType(String name, DiffSet set, Type type, boolean want) {
        assertThat(set.hasType(type)).isEqualTo(want);
    }

    static Stream<Arguments> hasChanges() {
        return Stream.of(
                Arguments.of("has create", types(Type.EXCLUDE, Type.CREATE), true),
                Arguments.of("has update", types(Type.NONE, Type.UPDATE), true),
                Arguments.of("no changes", types(Type.NONE, Type.EXCLUDE), false),
                Arguments.of("empty", types(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hasChanges(String name, DiffSet set, boolean want) {
        assertThat(set.hasChanges()).isEqualTo(want);
    }
}
