package io.tributary.release.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ported from fluxcd/pkg {@code ssa/jsondiff/unstructured_test.go} at tag ssa/v0.76.0: Test_diffUnstructuredMetadata
 * (8 rows), Test_diffUnstructured (5), Test_copyAnnotationsAndLabels (4). Patches are written as
 * {@code op path [value] [<- oldValue]}. Rows of TestUnstructured and TestUnstructuredList need an API server's dry
 * run and are in {@code ClusterDiffTest}.
 *
 * <p>Test_diffUnstructuredMetadata compares without rationalization (the test passes no options) while
 * {@link ObjectDiff#metadataPatch} always rationalizes, as helm-controller's Diff does; its rows are run through
 * {@link JsonDiff} with the same filter. The last row's {@code jsondiff.Ignores} option is {@link JsonDiff}'s
 * {@code ignores}.
 *
 * <p>Deliberate difference: jsondiff rationalizes the labels-and-annotations document as a whole, so row 7 ("label
 * and annotation changed") becomes one {@code replace /metadata} there, a patch that applied to the cluster drops
 * finalizers and owner references; here each map is rationalized apart and the row keeps its two replaces.
 */
class ObjectDiffTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> render(List<PatchOperation> patch) {
        return patch.stream().map(op -> op.op() + " " + op.path() + (op.value() == null ? "" : " " + op.value())
                + (op.oldValue() == null ? "" : " <- " + op.oldValue())).toList();
    }

    static Stream<Arguments> diffUnstructuredMetadata() {
        return Stream.of(
                Arguments.of("label added", "{'metadata':{'labels':{'foo':'bar'}}}", "{'metadata':{'labels':{'foo':'bar','bar':'foo'}}}",
                        Set.of(), List.of("add /metadata/labels/bar \"foo\"")),
                Arguments.of("label removed", "{'metadata':{'labels':{'foo':'bar','bar':'foo'}}}", "{'metadata':{'labels':{'foo':'bar'}}}",
                        Set.of(), List.of()),
                Arguments.of("label changed", "{'metadata':{'labels':{'foo':'bar'}}}", "{'metadata':{'labels':{'foo':'baz'}}}",
                        Set.of(), List.of("replace /metadata/labels/foo \"baz\" <- \"bar\"")),
                Arguments.of("annotation added", "{'metadata':{'annotations':{'foo':'bar'}}}",
                        "{'metadata':{'annotations':{'foo':'bar','bar':'foo'}}}", Set.of(), List.of("add /metadata/annotations/bar \"foo\"")),
                Arguments.of("annotation removed", "{'metadata':{'annotations':{'foo':'bar','bar':'foo'}}}",
                        "{'metadata':{'annotations':{'foo':'bar'}}}", Set.of(), List.of()),
                Arguments.of("annotation changed", "{'metadata':{'annotations':{'foo':'bar'}}}", "{'metadata':{'annotations':{'foo':'baz'}}}",
                        Set.of(), List.of("replace /metadata/annotations/foo \"baz\" <- \"bar\"")),
                Arguments.of("label and annotation changed", "{'metadata':{'labels':{'foo':'bar'},'annotations':{'bar':'foo'}}}",
                        "{'metadata':{'labels':{'foo':'baz'},'annotations':{'bar':'baz'}}}", Set.of(),
                        List.of("replace /metadata/annotations/bar \"baz\" <- \"foo\"", "replace /metadata/labels/foo \"baz\" <- \"bar\"")),
                Arguments.of("label and annotation changed with ignore path",
                        "{'metadata':{'labels':{'foo':'bar'},'annotations':{'bar':'foo'}}}",
                        "{'metadata':{'labels':{'foo':'baz'},'annotations':{'bar':'baz'}}}", Set.of("/metadata/annotations/bar"),
                        List.of("replace /metadata/labels/foo \"baz\" <- \"bar\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void diffUnstructuredMetadata(String name, String x, String y, Set<String> ignores, List<String> want) {
        List<PatchOperation> patch = JsonDiff.compare(ObjectDiff.labelsAndAnnotations(json(x)), ObjectDiff.labelsAndAnnotations(json(y)),
                false, ignores).stream().filter(op -> !op.op().equals(PatchOperation.REMOVE)).toList();
        assertThat(render(patch)).isEqualTo(want);
        if (ignores.isEmpty()) {
            // rationalizing each map apart changes none of these small patches
            assertThat(render(ObjectDiff.metadataPatch(json(x), json(y)))).isEqualTo(want);
        }
    }

    static Stream<Arguments> diffUnstructured() {
        return Stream.of(
                Arguments.of("no diff", "{'spec':{'replicas':1}}", "{'spec':{'replicas':1}}", List.of()),
                Arguments.of("spec changed", "{'spec':{'replicas':1}}", "{'spec':{'replicas':2}}", List.of("replace /spec/replicas 2 <- 1")),
                Arguments.of("data change with rationalization", "{'data':{'a':'1','b':'2'}}", "{'data':{'a':'2','b':'1'}}",
                        List.of("replace /data {\"a\":\"2\",\"b\":\"1\"} <- {\"a\":\"1\",\"b\":\"2\"}")),
                Arguments.of("metadata changed", "{'metadata':{'name':'foo'}}", "{'metadata':{'name':'bar'}}", List.of()),
                Arguments.of("status changed", "{'status':{'observedGeneration':1}}", "{'status':{'observedGeneration':2}}", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void diffUnstructured(String name, String x, String y, List<String> want) {
        assertThat(render(ObjectDiff.resourcePatch(json(x), json(y)))).isEqualTo(want);
    }

    static Stream<Arguments> copyAnnotationsAndLabels() {
        return Stream.of(
                Arguments.of("copy annotations and labels",
                        "{'metadata':{'annotations':{'annotation1':true,'annotation2':'value'},'labels':{'label1':false,'label2':'value'}},"
                                + "'spec':{'replicas':1}}",
                        "{'metadata':{'annotations':{'annotation1':true,'annotation2':'value'},'labels':{'label1':false,'label2':'value'}}}"),
                Arguments.of("copy annotations and labels with empty metadata", "{'spec':{'replicas':1}}", "{}"),
                Arguments.of("copy annotations and labels with empty annotations and labels",
                        "{'metadata':{'annotations':{},'labels':{}}}", "{'metadata':{'annotations':{},'labels':{}}}"),
                Arguments.of("copy annotations and labels with nil annotations and labels",
                        "{'metadata':{'annotations':null,'labels':null}}", "{'metadata':{'annotations':null,'labels':null}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void copyAnnotationsAndLabels(String name, String object, String want) {
        assertThat(ObjectDiff.labelsAndAnnotations(json(object))).isEqualTo(json(want));
    }

    @Test
    void nameIsKeptSoThatMissingLabelsAreAddedAlone() {
        JsonNode cluster = json("{'metadata':{'name':'cm'}}");
        JsonNode desired = json("{'metadata':{'name':'cm','labels':{'a':'b'}}}");
        assertThat(render(ObjectDiff.metadataPatch(cluster, desired))).containsExactly("add /metadata/labels {\"a\":\"b\"}");
    }

    @Test
    void compareFindsCreateUpdateAndNone() {
        JsonNode desired = json("{'kind':'ConfigMap','metadata':{'name':'cm'}}");
        JsonNode cluster = json("{'kind':'ConfigMap','metadata':{'name':'cm','resourceVersion':'7','labels':{'x':'y'}},"
                + "'data':{'key':'changed','other':'kept'}}");
        JsonNode dryRun = json("{'kind':'ConfigMap','metadata':{'name':'cm','resourceVersion':'7','labels':{'x':'y'}},"
                + "'data':{'key':'value','other':'kept'}}");
        assertThat(ObjectDiff.compare(desired, null, json("{'metadata':{}}"), List.of()).type()).isEqualTo(Diff.Type.CREATE);
        Diff update = ObjectDiff.compare(desired, cluster, dryRun, List.of());
        assertThat(update.type()).isEqualTo(Diff.Type.UPDATE);
        assertThat(render(update.patch())).containsExactly("replace /data/key \"value\" <- \"changed\"");
        assertThat(ObjectDiff.compare(desired, cluster, dryRun, List.of("/data/key", "/no/such/path")).type()).isEqualTo(Diff.Type.NONE);
    }

    @Test
    void theOptOutIsReadFromLabelsAndAnnotationsWithoutCase() {
        assertThat(ObjectDiff.excluded(json("{'metadata':{'annotations':{'helm.toolkit.fluxcd.io/driftDetection':'Disabled'}}}"))).isTrue();
        assertThat(ObjectDiff.excluded(json("{'metadata':{'labels':{'helm.toolkit.fluxcd.io/driftDetection':'disabled'}}}"))).isTrue();
        assertThat(ObjectDiff.excluded(json("{'metadata':{'labels':{'helm.toolkit.fluxcd.io/driftDetection':'enabled'}}}"))).isFalse();
        assertThat(ObjectDiff.excluded(json("{'metadata':{'annotations':{'helm.toolkit.fluxcd.io/driftDetection':''}}}"))).isFalse();
        assertThat(ObjectDiff.excludedByManifest(json("{'metadata':{}}"), List.of(""))).isTrue();
        assertThat(ObjectDiff.excludedByManifest(json("{'metadata':{}}"), List.of("/spec"))).isFalse();
    }
}
