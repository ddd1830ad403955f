package io.tributary.release.drift;

import static io.tributary.release.drift.ObjectDiffTest.json;
import static io.tributary.release.drift.ObjectDiffTest.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patches wI2L/jsondiff v0.6.1 generates for the shapes Kubernetes objects take (rows written from its
 * {@code differ.go}: sorted keys, index-wise arrays, removals at the first surplus index, appends at {@code /-}, and
 * rationalization by JSON length), plus pointer removal as evanphx/json-patch does with AllowMissingPathOnRemove.
 */
class JsonDiffTest {

    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of("equal", "{'a':1}", "{'a':1}", false, List.of()),
                Arguments.of("an int and a double of one value are equal", "{'a':1}", "{'a':1.0}", false, List.of()),
                Arguments.of("keys in sorted order", "{'b':1,'a':1}", "{'b':2,'a':2}", false, List.of("replace /a 2 <- 1", "replace /b 2 <- 1")),
                Arguments.of("added and removed keys", "{'a':1,'c':3}", "{'b':2,'c':3}", false, List.of("remove /a <- 1", "add /b 2")),
                Arguments.of("type change is a replace", "{'a':'1'}", "{'a':1}", false, List.of("replace /a 1 <- \"1\"")),
                Arguments.of("keys are escaped", "{'a/b':{'c~d':1}}", "{'a/b':{'c~d':2}}", false, List.of("replace /a~1b/c~0d 2 <- 1")),
                Arguments.of("surplus elements are removed at the first surplus index, before other changes", "{'l':[1,2,3,4]}",
                        "{'l':[9,2]}", false, List.of("remove /l/2 <- 3", "remove /l/2 <- 4", "replace /l/0 9 <- 1")),
                Arguments.of("missing elements are appended", "{'l':[1]}", "{'l':[1,2,3]}", false, List.of("add /l/- 2", "add /l/- 3")),
                Arguments.of("nested array element", "{'c':[{'n':'a','i':'x'}]}", "{'c':[{'n':'a','i':'y'}]}", false,
                        List.of("replace /c/0/i \"y\" <- \"x\"")),
                Arguments.of("rationalized when one replace is shorter", "{'d':{'a':'1','b':'2'}}", "{'d':{'a':'2','b':'1'}}", true,
                        List.of("replace /d {\"a\":\"2\",\"b\":\"1\"} <- {\"a\":\"1\",\"b\":\"2\"}")),
                Arguments.of("kept when the replace would be longer", "{'d':{'a':'1','b':'a long value that stays'}}",
                        "{'d':{'a':'2','b':'a long value that stays'}}", true, List.of("replace /d/a \"2\" <- \"1\"")),
                Arguments.of("adds weigh no value when rationalizing", "{'d':{'a':'1'}}",
                        "{'d':{'a':'1','b':'a long value','c':'another long value'}}", true,
                        List.of("add /d/b \"a long value\"", "add /d/c \"another long value\"")),
                Arguments.of("the root is never rationalized", "{'a':'1','b':'2'}", "{'a':'2','b':'1'}", true,
                        List.of("replace /a \"2\" <- \"1\"", "replace /b \"1\" <- \"2\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void patches(String name, String source, String target, boolean rationalize, List<String> want) {
        assertThat(render(JsonDiff.compare(json(source), json(target), rationalize))).isEqualTo(want);
    }

    @Test
    void goJsonLengthsEscapeAsGoDoes() {
        assertThat(GoJsonLength.of(json("{'a':'<b>','c':[1,true,null],'d':2.5}"))).isEqualTo("{\"a\":\"\\u003cb\\u003e\",\"c\":[1,true,null],\"d\":2.5}".length());
        assertThat(GoJsonLength.string("é\n")).isEqualTo(2 + 2 + 2);
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                Arguments.of("/spec/replicas", "{'spec':{'template':{}},'list':['a','b']}"),
                Arguments.of("/spec/missing/deeper", "{'spec':{'replicas':2,'template':{}},'list':['a','b']}"),
                Arguments.of("/spec/template", "{'spec':{'replicas':2},'list':['a','b']}"),
                Arguments.of("/list/0", "{'spec':{'replicas':2,'template':{}},'list':['b']}"),
                Arguments.of("/list/-1", "{'spec':{'replicas':2,'template':{}},'list':['a']}"),
                Arguments.of("/list/5", "{'spec':{'replicas':2,'template':{}},'list':['a','b']}"),
                Arguments.of("/a~1b", "{'spec':{'replicas':2,'template':{}},'list':['a','b']}"),
                Arguments.of("no-slash", "{'spec':{'replicas':2,'template':{}},'list':['a','b'],'a/b':1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void removals(String pointer, String want) {
        JsonNode doc = json("{'spec':{'replicas':2,'template':{}},'list':['a','b'],'a/b':1}");
        if (!pointer.equals("/a~1b") && !pointer.equals("no-slash")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove("a/b");
        }
        JsonPointers.remove(doc, pointer);
        assertThat(doc).isEqualTo(json(want));
    }
}
