package io.tributary.release.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables of Helm's {@code pkg/strvals/parser_test.go} at helm/helm v4.2.1 (the Helm helm-controller 1.6 builds
 * with), every row of TestSetIndex, TestParseSet (both tables), TestParseInto, TestParseIntoString and
 * TestParseSetNestedLevels. Expectations are written as JSON and compared as Helm compares them, through a
 * serialisation with sorted keys. Not ported, for want of an equivalent API (Flux's targetPath uses only ParseInto
 * and ParseIntoString): TestParseJSON, TestParseFile, TestParseIntoFile, TestToYAML and literal_parser_test.go.
 */
class StrValsTest {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static String canonical(Object value) throws Exception {
        return JSON.writeValueAsString(JSON.readValue(JSON.writeValueAsString(value), Object.class));
    }

    private static String canonicalJson(String json) throws Exception {
        return canonical(JSON.readValue(json, Object.class));
    }

    static Stream<Arguments> setIndexRows() {
        return Stream.of(
                Arguments.of("short", List.of(0, 1), List.of(0, 1, 2), 2, 2, false),
                Arguments.of("equal", List.of(0, 1), List.of(0, 2), 1, 2, false),
                Arguments.of("long", List.of(0, 1, 2, 3, 4, 5), List.of(0, 1, 2, 4, 4, 5), 3, 4, false),
                Arguments.of("negative", List.of(0, 1, 2, 3, 4, 5), List.of(0, 1, 2, 3, 4, 5), -1, 4, true),
                Arguments.of("large", List.of(0, 1, 2, 3, 4, 5), List.of(0, 1, 2, 3, 4, 5), StrVals.MAX_INDEX + 1, 4, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setIndexRows")
    void setIndex(String name, List<Object> initial, List<Object> expect, int add, int val, boolean err) throws Exception {
        List<Object> list = new ArrayList<>(initial);
        if (err) {
            assertThatThrownBy(() -> StrVals.setIndex(list, add, val)).isInstanceOf(StrVals.ParseException.class);
            assertThat(list).isEqualTo(expect);
            return;
        }
        assertThat(StrVals.setIndex(list, add, val)).isEqualTo(expect);
    }

    /** TestParseSet's {@code testsString}: ParseString keeps every value a string. */
    static Stream<Arguments> parseStringRows() {
        return Stream.of(
                Arguments.of("long_int_string=1234567890", "{\"long_int_string\":\"1234567890\"}"),
                Arguments.of("boolean=true", "{\"boolean\":\"true\"}"),
                Arguments.of("is_null=null", "{\"is_null\":\"null\"}"),
                Arguments.of("zero=0", "{\"zero\":\"0\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseStringRows")
    void parseString(String line, String expect) throws Exception {
        assertThat(canonical(StrVals.parseString(line))).isEqualTo(canonicalJson(expect));
    }

    /** TestParseSet's {@code tests}: a null expectation means the row expects an error. */
    static Stream<Arguments> parseRows() {
        return Stream.of(
                Arguments.of("name1=null,f=false,t=true", "{\"name1\":null,\"f\":false,\"t\":true}"),
                Arguments.of("name1=value1", "{\"name1\":\"value1\"}"),
                Arguments.of("name1=value1,name2=value2", "{\"name1\":\"value1\",\"name2\":\"value2\"}"),
                Arguments.of("name1=value1,name2=value2,", "{\"name1\":\"value1\",\"name2\":\"value2\"}"),
                Arguments.of("name1=value1,,,,name2=value2,", null),
                Arguments.of("name1=,name2=value2", "{\"name1\":\"\",\"name2\":\"value2\"}"),
                Arguments.of("leading_zeros=00009", "{\"leading_zeros\":\"00009\"}"),
                Arguments.of("zero_int=0", "{\"zero_int\":0}"),
                Arguments.of("long_int=1234567890", "{\"long_int\":1234567890}"),
                Arguments.of("boolean=true", "{\"boolean\":true}"),
                Arguments.of("is_null=null", "{\"is_null\":null}"),
                Arguments.of("name1,name2=", null),
                Arguments.of("name1,name2=value2", null),
                Arguments.of("name1,name2=value2\\", null),
                Arguments.of("name1,name2", null),
                Arguments.of("name1=one\\,two,name2=three\\,four", "{\"name1\":\"one,two\",\"name2\":\"three,four\"}"),
                Arguments.of("name1=one\\=two,name2=three\\=four", "{\"name1\":\"one=two\",\"name2\":\"three=four\"}"),
                Arguments.of("name1=one two three,name2=three two one", "{\"name1\":\"one two three\",\"name2\":\"three two one\"}"),
                Arguments.of("outer.inner=value", "{\"outer\":{\"inner\":\"value\"}}"),
                Arguments.of("outer.middle.inner=value", "{\"outer\":{\"middle\":{\"inner\":\"value\"}}}"),
                Arguments.of("outer.inner1=value,outer.inner2=value2", "{\"outer\":{\"inner1\":\"value\",\"inner2\":\"value2\"}}"),
                Arguments.of("outer.inner1=value,outer.middle.inner=value",
                        "{\"outer\":{\"inner1\":\"value\",\"middle\":{\"inner\":\"value\"}}}"),
                Arguments.of("name1.name2", null),
                Arguments.of("name1.name2,name1.name3", null),
                Arguments.of("name1.name2=", "{\"name1\":{\"name2\":\"\"}}"),
                Arguments.of("name1.=name2", null),
                Arguments.of("name1.,name2", null),
                Arguments.of("name1={value1,value2}", "{\"name1\":[\"value1\",\"value2\"]}"),
                Arguments.of("name1={value1,value2},name2={value1,value2}",
                        "{\"name1\":[\"value1\",\"value2\"],\"name2\":[\"value1\",\"value2\"]}"),
                Arguments.of("name1={1021,902}", "{\"name1\":[1021,902]}"),
                Arguments.of("name1.name2={value1,value2}", "{\"name1\":{\"name2\":[\"value1\",\"value2\"]}}"),
                Arguments.of("name1={1021,902", null),
                // List support
                Arguments.of("list[0]=foo", "{\"list\":[\"foo\"]}"),
                Arguments.of("list[0].foo=bar", "{\"list\":[{\"foo\":\"bar\"}]}"),
                Arguments.of("list[0].foo=bar,list[0].hello=world", "{\"list\":[{\"foo\":\"bar\",\"hello\":\"world\"}]}"),
                Arguments.of("list[0].foo=bar,list[-30].hello=world", null),
                Arguments.of("list[0]=foo,list[1]=bar", "{\"list\":[\"foo\",\"bar\"]}"),
                Arguments.of("list[0]=foo,list[1]=bar,", "{\"list\":[\"foo\",\"bar\"]}"),
                Arguments.of("list[0]=foo,list[3]=bar", "{\"list\":[\"foo\",null,null,\"bar\"]}"),
                Arguments.of("list[0]=foo,list[-20]=bar", null),
                Arguments.of("illegal[0]name.foo=bar", null),
                Arguments.of("noval[0]", "{\"noval\":[]}"),
                Arguments.of("noval[0]=", "{\"noval\":[\"\"]}"),
                Arguments.of("nested[0][0]=1", "{\"nested\":[[1]]}"),
                Arguments.of("nested[1][1]=1", "{\"nested\":[null,[null,1]]}"),
                Arguments.of("name1.name2[0].foo=bar,name1.name2[1].foo=bar", "{\"name1\":{\"name2\":[{\"foo\":\"bar\"},{\"foo\":\"bar\"}]}}"),
                Arguments.of("name1.name2[1].foo=bar,name1.name2[0].foo=bar", "{\"name1\":{\"name2\":[{\"foo\":\"bar\"},{\"foo\":\"bar\"}]}}"),
                Arguments.of("name1.name2[1].foo=bar", "{\"name1\":{\"name2\":[null,{\"foo\":\"bar\"}]}}"),
                Arguments.of("]={}].", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseRows")
    void parse(String line, String expect) throws Exception {
        if (expect == null) {
            assertThatThrownBy(() -> StrVals.parse(line)).isInstanceOf(StrVals.ParseException.class);
            return;
        }
        assertThat(canonical(StrVals.parse(line))).isEqualTo(canonicalJson(expect));
    }

    /** TestParseInto: a line (and a second one) merged into existing values. */
    static Stream<Arguments> parseIntoRows() {
        return Stream.of(
                Arguments.of("outer.inner1=value1,outer.inner3=value3,outer.inner4=4", "",
                        "{\"outer\":{\"inner1\":\"overwrite\",\"inner2\":\"value2\"}}",
                        "{\"outer\":{\"inner1\":\"value1\",\"inner2\":\"value2\",\"inner3\":\"value3\",\"inner4\":4}}"),
                Arguments.of("listOuter[0][0].type=listValue", "listOuter[0][0].status=alive", "{}",
                        "{\"listOuter\":[[{\"type\":\"listValue\",\"status\":\"alive\"}]]}"),
                Arguments.of("listOuter[0][0].type=listValue", "listOuter[1][0].status=alive", "{}",
                        "{\"listOuter\":[[{\"type\":\"listValue\"}],[{\"status\":\"alive\"}]]}"),
                Arguments.of("listOuter[0][1][0].type=listValue", "listOuter[0][0][1].status=alive",
                        "{\"listOuter\":[[[{\"exited\":\"old\"}]]]}",
                        "{\"listOuter\":[[[{\"exited\":\"old\"},{\"status\":\"alive\"}],[{\"type\":\"listValue\"}]]]}"));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("parseIntoRows")
    void parseInto(String input, String input2, String got, String expect) throws Exception {
        Map<String, Object> values = JSON.readValue(got, LinkedHashMap.class);
        StrVals.parseInto(input, values);
        if (!input2.isEmpty()) {
            StrVals.parseInto(input2, values);
        }
        assertThat(canonical(values)).isEqualTo(canonicalJson(expect));
    }

    @Test
    @SuppressWarnings("unchecked")
    void parseIntoString() throws Exception {
        Map<String, Object> values = JSON.readValue("{\"outer\":{\"inner1\":\"overwrite\",\"inner2\":\"value2\"}}", LinkedHashMap.class);
        StrVals.parseIntoString("outer.inner1=1,outer.inner3=3", values);
        assertThat(canonical(values)).isEqualTo(canonicalJson("{\"outer\":{\"inner1\":\"1\",\"inner2\":\"value2\",\"inner3\":\"3\"}}"));
    }

    @Test
    void parseSetNestedLevels() throws Exception {
        assertThat(canonical(StrVals.parse("outer.middle.inner=value")))
                .isEqualTo(canonicalJson("{\"outer\":{\"middle\":{\"inner\":\"value\"}}}"));
        StringBuilder deep = new StringBuilder();
        for (int i = 1; i <= StrVals.MAX_NESTED_NAME_LEVEL + 2; i++) {
            deep.append("name").append(i);
            if (i <= StrVals.MAX_NESTED_NAME_LEVEL + 1) {
                deep.append('.');
            }
        }
        assertThatThrownBy(() -> StrVals.parse(deep + "=value")).isInstanceOf(StrVals.ParseException.class)
                .hasMessage("value name nested level is greater than maximum supported nested level of " + StrVals.MAX_NESTED_NAME_LEVEL);
    }

    @Test
    void aPathThatDoesNotFitTheValuesAlreadyThereIsAnError() {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("image", "nginx"));
        assertThatThrownBy(() -> StrVals.parseInto("image.tag=1.25", values)).isInstanceOf(StrVals.ParseException.class)
                .hasMessageStartingWith("unable to parse key: ");
        Map<String, Object> list = new LinkedHashMap<>(Map.of("ports", new LinkedHashMap<>(Map.of("a", 1))));
        assertThatThrownBy(() -> StrVals.parseInto("ports[0]=80", list)).isInstanceOf(StrVals.ParseException.class);
    }
}
