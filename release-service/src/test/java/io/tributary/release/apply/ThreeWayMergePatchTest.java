package io.tributary.release.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThreeWayMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Arguments> rows() {
        return Stream.of(
                // description, original, modified, current, patch
                Arguments.of("nothing changed", "{a: 1}", "{a: 1}", "{a: 1}", "{}"),
                Arguments.of("the chart changed a field", "{a: 1}", "{a: 2}", "{a: 1}", "{\"a\":2}"),
                Arguments.of("the chart dropped a field", "{a: 1, b: 2}", "{a: 1}", "{a: 1, b: 2}", "{\"b\":null}"),
                Arguments.of("a field someone else added stays", "{a: 1}", "{a: 1}", "{a: 1, theirs: x}", "{}"),
                Arguments.of("a chart field someone changed is set back", "{a: 1}", "{a: 1}", "{a: 5}", "{\"a\":1}"),
                Arguments.of("a chart field someone deleted comes back", "{a: 1, b: 2}", "{a: 1, b: 2}", "{a: 1}", "{\"b\":2}"),
                Arguments.of("a field dropped by the chart and already gone", "{a: 1, b: 2}", "{a: 1}", "{a: 1}", "{\"b\":null}"),
                Arguments.of("nested: dropped, added by others, changed", "{m: {b: 1, c: 2}}", "{m: {b: 3}}",
                        "{m: {b: 1, c: 2, d: 4}}", "{\"m\":{\"c\":null,\"b\":3}}"),
                Arguments.of("a list is replaced whole", "{l: [1, 2]}", "{l: [1, 3]}", "{l: [1, 2, 9]}", "{\"l\":[1,3]}"),
                Arguments.of("an equal list is left alone", "{l: [{n: a}]}", "{l: [{n: a}]}", "{l: [{n: a}]}", "{}"),
                Arguments.of("numbers compare by value", "{r: 3}", "{r: 3}", "{r: 3.0}", "{}"),
                Arguments.of("a new empty object is sent", "{}", "{e: {}}", "{}", "{\"e\":{}}"),
                Arguments.of("no previous revision: nothing is deleted", "{a: 1}", "{a: 1}", "{a: 1, s: {x: 1}}", "{}"),
                Arguments.of("a map turned scalar", "{v: {x: 1}}", "{v: 7}", "{v: {x: 1}}", "{\"v\":7}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void patches(String description, String original, String modified, String current, String patch) throws Exception {
        JsonNode created = ThreeWayMergePatch.create(YAML.readTree(original), YAML.readTree(modified), YAML.readTree(current));
        assertThat(created).isEqualTo(JSON.readTree(patch));
    }
}
