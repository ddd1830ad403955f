package io.tributary.release.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ported from fluxcd/pkg {@code ssa/jsondiff/selector_test.go} at tag ssa/v0.76.0 (the version helm-controller v1.6.3
 * uses): TestSelectorRegex_MatchUnstructured (9 rows), _MatchGVK (9), _MatchName (5), _MatchNamespace (5),
 * _MatchAnnotationSelector (4), _MatchLabelSelector (4). A nil selector is {@link ObjectSelector#ANY}, an empty one
 * a selector of empty fields.
 */
class ObjectSelectorTest {

    record Sel(String group, String version, String kind, String name, String namespace, String labels, String annotations) {
        static final Sel EMPTY = new Sel(null, null, null, null, null, null, null);

        ObjectSelector compile() throws Exception {
            return this == NIL ? ObjectSelector.ANY : ObjectSelector.of(group, version, kind, name, namespace, labels, annotations);
        }
    }

    static final Sel NIL = new Sel(null, null, null, null, null, null, null);
    static final Sel FULL = new Sel("apps", "v1", "Deployment", "name-.*", "namespace-.*", "foo.bar/label in (a, b)",
            "foo.bar/annotation notin (c)");

    record Obj(String apiVersion, String kind, String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations) {
    }

    static Stream<Arguments> matchUnstructured() {
        return Stream.of(
                Arguments.of("valid input", FULL, new Obj("apps/v1", "Deployment", "name-1", "namespace-1",
                        Map.of("foo.bar/label", "a"), Map.of("foo.bar/annotation", "d")), true),
                Arguments.of("nil selector", NIL, new Obj("apps/v1", "Deployment", "anything", "anything", null, null), true),
                Arguments.of("mismatched namespace", new Sel(null, null, null, null, "exact-namespace", null, null),
                        new Obj(null, null, null, "other-namespace", null, null), false),
                Arguments.of("mismatched name", new Sel(null, null, null, "exact-name", null, null, null),
                        new Obj(null, null, "other-name", null, null, null), false),
                Arguments.of("mismatched GVK", new Sel("apps", "v1", "Deployment", null, null, null, null),
                        new Obj("apps/v1", "StatefulSet", null, null, null, null), false),
                Arguments.of("mismatched label", new Sel(null, null, null, null, null, "foo.bar/label in (a, b)", null),
                        new Obj(null, null, null, null, Map.of("foo.bar/label", "c"), null), false),
                Arguments.of("mismatched annotation", new Sel(null, null, null, null, null, null, "foo.bar/annotation notin (c)"),
                        new Obj(null, null, null, null, null, Map.of("foo.bar/annotation", "c")), false),
                Arguments.of("combination of mismatches", FULL, new Obj("apps/v1", "StatefulSet", "other-name-1", "other-namespace-1",
                        Map.of("foo.bar/label", "c"), Map.of("foo.bar/annotation", "c")), false),
                Arguments.of("empty input object", Sel.EMPTY, new Obj(null, null, null, null, null, null), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matchUnstructured(String name, Sel sel, Obj o, boolean want) throws Exception {
        assertThat(sel.compile().matches(o.apiVersion(), o.kind(), o.name(), o.namespace(), o.labels(), o.annotations()))
                .isEqualTo(want);
    }

    static Stream<Arguments> matchGvk() {
        Sel gvk = new Sel("apps", "v1", "Deployment", null, null, null, null);
        return Stream.of(
                Arguments.of("valid match", gvk, "apps", "v1", "Deployment", true),
                Arguments.of("valid match with regex", new Sel("apps", "v.*", "Deployment", null, null, null, null), "apps", "v1",
                        "Deployment", true),
                Arguments.of("valid match without regex", Sel.EMPTY, "apps", "v1", "Deployment", true),
                Arguments.of("invalid group", gvk, "extensions", "v1", "Deployment", false),
                Arguments.of("invalid version", gvk, "apps", "v2", "Deployment", false),
                Arguments.of("invalid kind", gvk, "apps", "v1", "StatefulSet", false),
                Arguments.of("partial selector", new Sel("apps", null, "Deployment", null, null, null, null), "apps", "v2",
                        "Deployment", true),
                Arguments.of("empty selector", Sel.EMPTY, "", "", "", true),
                Arguments.of("nil selector", NIL, "", "", "", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matchGvk(String name, Sel sel, String group, String version, String kind, boolean want) throws Exception {
        assertThat(sel.compile().matchesGvk(group, version, kind)).isEqualTo(want);
    }

    static Stream<Arguments> matchName() {
        return Stream.of(
                Arguments.of("valid match", new Sel(null, null, null, "name-1", null, null, null), "name-1", true),
                Arguments.of("valid match with regex", new Sel(null, null, null, "name-.*", null, null, null), "name-2", true),
                Arguments.of("invalid name", new Sel(null, null, null, "name-.*", null, null, null), "other-name-1", false),
                Arguments.of("empty selector", Sel.EMPTY, "any-name", true),
                Arguments.of("nil selector", NIL, "any-name", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matchName(String name, Sel sel, String value, boolean want) throws Exception {
        assertThat(sel.compile().matchesName(value)).isEqualTo(want);
    }

    static Stream<Arguments> matchNamespace() {
        return Stream.of(
                Arguments.of("valid match", new Sel(null, null, null, null, "ns-1", null, null), "ns-1", true),
                Arguments.of("valid match with regex", new Sel(null, null, null, null, "ns-.*", null, null), "ns-2", true),
                Arguments.of("invalid namespace", new Sel(null, null, null, null, "ns-.*", null, null), "other-ns-1", false),
                Arguments.of("empty selector", Sel.EMPTY, "any-ns", true),
                Arguments.of("nil selector", NIL, "any-ns", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matchNamespace(String name, Sel sel, String value, boolean want) throws Exception {
        assertThat(sel.compile().matchesNamespace(value)).isEqualTo(want);
    }

    static Stream<Arguments> matchAnnotationSelector() {
        return Stream.of(
                Arguments.of("valid match", new Sel(null, null, null, null, null, null, "key-1=value-1"),
                        Map.of("key-1", "value-1", "key-2", "value-2"), true),
                Arguments.of("invalid annotation", new Sel(null, null, null, null, null, null, "key-1 in(value-1)"),
                        Map.of("key-1", "value-2"), false),
                Arguments.of("empty selector", Sel.EMPTY, Map.of("key-1", "value-1"), true),
                Arguments.of("nil selector", NIL, Map.of("key-2", "value-2"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matchAnnotationSelector(String name, Sel sel, Map<String, String> annotations, boolean want) throws Exception {
        assertThat(sel.compile().matchesAnnotations(annotations)).isEqualTo(want);
    }

    static Stream<Arguments> matchLabelSelector() {
        return Stream.of(
                Arguments.of("valid match", new Sel(null, null, null, null, null, "key-1=value-1", null),
                        Map.of("key-1", "value-1", "key-2", "value-2"), true),
                Arguments.of("invalid label", new Sel(null, null, null, null, null, "key-1 in(value-1)", null),
                        Map.of("key-1", "value-2"), false),
                Arguments.of("empty selector", Sel.EMPTY, Map.of("key-1", "value-1"), true),
                Arguments.of("nil selector", NIL, Map.of("key-2", "value-2"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matchLabelSelector(String name, Sel sel, Map<String, String> labels, boolean want) throws Exception {
        assertThat(sel.compile().matchesLabels(labels)).isEqualTo(want);
    }

    @Test
    void invalidFieldsNameTheField() {
        assertThatThrownBy(() -> ObjectSelector.of(null, null, null, "name-(", null, null, null))
                .isInstanceOf(ObjectSelector.InvalidSelectorException.class).hasMessageStartingWith("invalid name regex: ");
        assertThatThrownBy(() -> ObjectSelector.of(null, null, null, null, null, "a in b", null))
                .hasMessageStartingWith("invalid label selector: ");
        assertThatThrownBy(() -> ObjectSelector.of(null, null, null, null, null, null, "=x"))
                .hasMessageStartingWith("invalid annotation selector: ");
    }

    @Test
    void regexesMatchTheWholeValue() throws Exception {
        ObjectSelector s = ObjectSelector.of(null, null, "(HelmRelease|HelmChart)", "pod", ".*-system", null, null);
        assertThat(s.matchesGvk("", "", "HelmChart")).isTrue();
        assertThat(s.matchesGvk("", "", "HelmChartX")).isFalse();
        assertThat(s.matchesName("podinfo")).isFalse();
        assertThat(s.matchesNamespace("flux-system")).isTrue();
    }
}
