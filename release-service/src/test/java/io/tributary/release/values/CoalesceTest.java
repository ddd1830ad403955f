/*
 * Ported from Helm's pkg/chart/common/util/coalesce_test.go (Apache-2.0, The Helm Authors), helm/helm v4.2.4.
 *
 * Copyright The Helm Authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with
 * the License. You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on
 * an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the
 * specific language governing permissions and limitations under the License.
 */
package io.tributary.release.values;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.release.values.Coalesce.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every test function of Helm's {@code pkg/chart/common/util/coalesce_test.go} at v4.2.4, with upstream's inputs and
 * expectations. The Go template lookups upstream asserts with ({@code {{.pequod.ahab.name}}}) are replaced by
 * {@link #render}, which walks the maps as {@code text/template} does with its default {@code missingkey} option:
 * a missing key, or one holding {@code nil}, renders {@code <no value>}; anything else renders as {@code fmt}'s
 * {@code %v}.
 */
class CoalesceTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // ref: http://www.yaml.org/spec/1.2/spec.html#id2803362
    private static final String TEST_COALESCE_VALUES_YAML = """

            top: yup
            bottom: null
            right: Null
            left: NULL
            front: ~
            back: ""
            nested:
              boat: null

            global:
              name: Ishmael
              subject: Queequeg
              nested:
                boat: true

            pequod:
              boat: null
              global:
                name: Stinky
                harpooner: Tashtego
                nested:
                  boat: false
                  sail: true
                  foo2: null
              ahab:
                scope: whale
                boat: null
                nested:
                  foo: true
                  boat: null
                object: null
            """;

    /** Helm's {@code common.ReadValues}: YAML into a map, an empty document into an empty map. */
    private static Map<String, Object> readValues(String yaml) throws Exception {
        Map<String, Object> vals = YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() { });
        return vals == null ? new LinkedHashMap<>() : vals;
    }

    /** A mutable map that, like a Go map literal, may hold {@code nil} values. */
    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Chart chart(String name, Map<String, Object> values, Chart... deps) {
        return new Chart(name, values, List.of(deps));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Object value) {
        return (Map<String, Object>) assertInstanceOf(Map.class, value);
    }

    /**
     * What {@code text/template} renders for a field chain such as {@code .pequod.ahab.name} over {@code v}: a
     * missing key yields an invalid value (further fields of it are again invalid), printed {@code <no value>}; a
     * {@code nil} is printed {@code <no value>} too but evaluating a field of it is an error, as is evaluating a
     * field of a scalar.
     */
    private static String render(String tpl, Map<String, Object> v) {
        if (!tpl.startsWith("{{.") || !tpl.endsWith("}}")) {
            throw new IllegalArgumentException("not a field chain: " + tpl);
        }
        Object cur = v;
        boolean valid = true;
        for (String field : tpl.substring(3, tpl.length() - 2).split("\\.")) {
            if (!valid) {
                continue;
            }
            if (cur == null) {
                throw new IllegalStateException("template: t:1: nil pointer evaluating interface {}." + field);
            }
            if (!(cur instanceof Map<?, ?> m)) {
                throw new IllegalStateException("template: t:1: can't evaluate field " + field + " in " + cur);
            }
            valid = m.containsKey(field);
            cur = m.get(field);
        }
        return !valid || cur == null ? "<no value>" : Coalesce.goValue(cur);
    }

    private static List<Executable> expansions(Map<String, Object> v, String[][] tests) {
        List<Executable> checks = new ArrayList<>();
        for (String[] tt : tests) {
            checks.add(() -> assertEquals(tt[1], render(tt[0], v),
                    "Expected \"" + tt[0] + "\" to expand to \"" + tt[1] + "\""));
        }
        return checks;
    }

    // TestCoalesceValues
    @Test
    void coalesceValuesOverridesChartDefaultsMergesGlobalsIntoSubchartsAndRemovesNulls() throws Exception {
        Chart c = chart("moby", map(
                "back", "exists",
                "bottom", "exists",
                "front", "exists",
                "left", "exists",
                "name", "moby",
                "nested", map("boat", true),
                "override", "bad",
                "right", "exists",
                "scope", "moby",
                "top", "nope",
                "global", map(
                        "nested2", map("l0", "moby")),
                "pequod", map(
                        "boat", "maybe",
                        "ahab", map(
                                "boat", "maybe",
                                "nested", map("boat", "maybe")))),
                chart("pequod", map(
                        "name", "pequod",
                        "scope", "pequod",
                        "global", map(
                                "nested2", map("l1", "pequod")),
                        "boat", false,
                        "ahab", map(
                                "boat", false,
                                "nested", map("boat", false))),
                        chart("ahab", map(
                                "global", map(
                                        "nested", map("foo", "bar", "foo2", "bar2"),
                                        "nested2", map("l2", "ahab")),
                                "scope", "ahab",
                                "name", "ahab",
                                "boat", true,
                                "nested", map("foo", false, "boat", true),
                                "object", map("foo", "bar")))),
                chart("spouter", map(
                        "scope", "spouter",
                        "global", map(
                                "nested2", map("l1", "spouter")))));

        Map<String, Object> vals = readValues(TEST_COALESCE_VALUES_YAML);

        // taking a copy of the values before passing it to CoalesceValues as argument, so that we can use it for
        // asserting later
        Map<String, Object> valsCopy = Coalesce.deepCopy(vals);

        Map<String, Object> v = Coalesce.coalesceValues(c, vals);

        String[][] tests = {
                {"{{.top}}", "yup"},
                {"{{.back}}", ""},
                {"{{.name}}", "moby"},
                {"{{.global.name}}", "Ishmael"},
                {"{{.global.subject}}", "Queequeg"},
                {"{{.global.harpooner}}", "<no value>"},
                {"{{.pequod.name}}", "pequod"},
                {"{{.pequod.ahab.name}}", "ahab"},
                {"{{.pequod.ahab.scope}}", "whale"},
                {"{{.pequod.ahab.nested.foo}}", "true"},
                {"{{.pequod.ahab.global.name}}", "Ishmael"},
                {"{{.pequod.ahab.global.nested.foo}}", "bar"},
                {"{{.pequod.ahab.global.nested.foo2}}", "<no value>"},
                {"{{.pequod.ahab.global.subject}}", "Queequeg"},
                {"{{.pequod.ahab.global.harpooner}}", "Tashtego"},
                {"{{.pequod.global.name}}", "Ishmael"},
                {"{{.pequod.global.nested.foo}}", "<no value>"},
                {"{{.pequod.global.subject}}", "Queequeg"},
                {"{{.spouter.global.name}}", "Ishmael"},
                {"{{.spouter.global.harpooner}}", "<no value>"},

                {"{{.global.nested.boat}}", "true"},
                {"{{.pequod.global.nested.boat}}", "true"},
                {"{{.spouter.global.nested.boat}}", "true"},
                {"{{.pequod.global.nested.sail}}", "true"},
                {"{{.spouter.global.nested.sail}}", "<no value>"},

                {"{{.global.nested2.l0}}", "moby"},
                {"{{.global.nested2.l1}}", "<no value>"},
                {"{{.global.nested2.l2}}", "<no value>"},
                {"{{.pequod.global.nested2.l0}}", "moby"},
                {"{{.pequod.global.nested2.l1}}", "pequod"},
                {"{{.pequod.global.nested2.l2}}", "<no value>"},
                {"{{.pequod.ahab.global.nested2.l0}}", "moby"},
                {"{{.pequod.ahab.global.nested2.l1}}", "pequod"},
                {"{{.pequod.ahab.global.nested2.l2}}", "ahab"},
                {"{{.spouter.global.nested2.l0}}", "moby"},
                {"{{.spouter.global.nested2.l1}}", "spouter"},
                {"{{.spouter.global.nested2.l2}}", "<no value>"},
        };
        List<Executable> checks = expansions(v, tests);

        for (String nullKey : List.of("bottom", "right", "left", "front")) {
            checks.add(() -> assertFalse(v.containsKey(nullKey), "Expected key \"" + nullKey + "\" to be removed, still present"));
        }

        checks.add(() -> assertFalse(table(v.get("nested")).containsKey("boat"),
                "Expected nested boat key to be removed, still present"));

        Map<String, Object> subchart = table(v.get("pequod"));
        checks.add(() -> assertFalse(subchart.containsKey("boat"), "Expected subchart boat key to be removed, still present"));

        Map<String, Object> subsubchart = table(subchart.get("ahab"));
        checks.add(() -> assertFalse(subsubchart.containsKey("boat"),
                "Expected sub-subchart ahab boat key to be removed, still present"));

        checks.add(() -> assertFalse(table(subsubchart.get("nested")).containsKey("boat"),
                "Expected sub-subchart nested boat key to be removed, still present"));

        checks.add(() -> assertFalse(subsubchart.containsKey("object"),
                "Expected sub-subchart object map to be removed, still present"));

        // CoalesceValues should not mutate the passed arguments
        checks.add(() -> assertEquals(valsCopy, vals));

        assertAll(checks);
    }

    // TestMergeValues
    @Test
    void mergeValuesOverridesChartDefaultsMergesGlobalsIntoSubchartsAndKeepsNulls() throws Exception {
        Chart c = chart("moby", map(
                "back", "exists",
                "bottom", "exists",
                "front", "exists",
                "left", "exists",
                "name", "moby",
                "nested", map("boat", true),
                "override", "bad",
                "right", "exists",
                "scope", "moby",
                "top", "nope",
                "global", map(
                        "nested2", map("l0", "moby"))),
                chart("pequod", map(
                        "name", "pequod",
                        "scope", "pequod",
                        "global", map(
                                "nested2", map("l1", "pequod"))),
                        chart("ahab", map(
                                "global", map(
                                        "nested", map("foo", "bar"),
                                        "nested2", map("l2", "ahab")),
                                "scope", "ahab",
                                "name", "ahab",
                                "boat", true,
                                "nested", map("foo", false, "bar", true)))),
                chart("spouter", map(
                        "scope", "spouter",
                        "global", map(
                                "nested2", map("l1", "spouter")))));

        Map<String, Object> vals = readValues(TEST_COALESCE_VALUES_YAML);

        // taking a copy of the values before passing it to MergeValues as argument, so that we can use it for
        // asserting later
        Map<String, Object> valsCopy = Coalesce.deepCopy(vals);

        Map<String, Object> v = Coalesce.mergeValues(c, vals);

        String[][] tests = {
                {"{{.top}}", "yup"},
                {"{{.back}}", ""},
                {"{{.name}}", "moby"},
                {"{{.global.name}}", "Ishmael"},
                {"{{.global.subject}}", "Queequeg"},
                {"{{.global.harpooner}}", "<no value>"},
                {"{{.pequod.name}}", "pequod"},
                {"{{.pequod.ahab.name}}", "ahab"},
                {"{{.pequod.ahab.scope}}", "whale"},
                {"{{.pequod.ahab.nested.foo}}", "true"},
                {"{{.pequod.ahab.global.name}}", "Ishmael"},
                {"{{.pequod.ahab.global.nested.foo}}", "bar"},
                {"{{.pequod.ahab.global.subject}}", "Queequeg"},
                {"{{.pequod.ahab.global.harpooner}}", "Tashtego"},
                {"{{.pequod.global.name}}", "Ishmael"},
                {"{{.pequod.global.nested.foo}}", "<no value>"},
                {"{{.pequod.global.subject}}", "Queequeg"},
                {"{{.spouter.global.name}}", "Ishmael"},
                {"{{.spouter.global.harpooner}}", "<no value>"},

                {"{{.global.nested.boat}}", "true"},
                {"{{.pequod.global.nested.boat}}", "true"},
                {"{{.spouter.global.nested.boat}}", "true"},
                {"{{.pequod.global.nested.sail}}", "true"},
                {"{{.spouter.global.nested.sail}}", "<no value>"},

                {"{{.global.nested2.l0}}", "moby"},
                {"{{.global.nested2.l1}}", "<no value>"},
                {"{{.global.nested2.l2}}", "<no value>"},
                {"{{.pequod.global.nested2.l0}}", "moby"},
                {"{{.pequod.global.nested2.l1}}", "pequod"},
                {"{{.pequod.global.nested2.l2}}", "<no value>"},
                {"{{.pequod.ahab.global.nested2.l0}}", "moby"},
                {"{{.pequod.ahab.global.nested2.l1}}", "pequod"},
                {"{{.pequod.ahab.global.nested2.l2}}", "ahab"},
                {"{{.spouter.global.nested2.l0}}", "moby"},
                {"{{.spouter.global.nested2.l1}}", "spouter"},
                {"{{.spouter.global.nested2.l2}}", "<no value>"},
        };
        List<Executable> checks = expansions(v, tests);

        // nullKeys is different from coalescing. Here the null/nil values are not removed.
        for (String nullKey : List.of("bottom", "right", "left", "front")) {
            checks.add(() -> {
                assertTrue(v.containsKey(nullKey), "Expected key \"" + nullKey + "\" to be present but it was removed");
                assertNull(v.get(nullKey), "Expected key \"" + nullKey + "\" to be null but it has a value of " + v.get(nullKey));
            });
        }

        checks.add(() -> assertTrue(table(v.get("nested")).containsKey("boat"),
                "Expected nested boat key to be present but it was removed"));

        Map<String, Object> subchart = table(table(v.get("pequod")).get("ahab"));
        checks.add(() -> assertTrue(subchart.containsKey("boat"), "Expected subchart boat key to be present but it was removed"));

        checks.add(() -> assertTrue(table(subchart.get("nested")).containsKey("bar"),
                "Expected subchart nested bar key to be present but it was removed"));

        // CoalesceValues should not mutate the passed arguments
        checks.add(() -> assertEquals(valsCopy, vals));

        assertAll(checks);
    }

    // TestCoalesceTables
    @Test
    void coalesceTablesLetsDestinationWinAndDropsNullsThenKeepsDestinationWhenSourceIsNull() {
        Map<String, Object> dst = map(
                "name", "Ishmael",
                "address", map(
                        "street", "123 Spouter Inn Ct.",
                        "city", "Nantucket",
                        "country", null),
                "details", map(
                        "friends", List.of("Tashtego")),
                "boat", "pequod",
                "hole", null);
        Map<String, Object> src = map(
                "occupation", "whaler",
                "address", map(
                        "state", "MA",
                        "street", "234 Spouter Inn Ct.",
                        "country", "US"),
                "details", "empty",
                "boat", map(
                        "mast", true),
                "hole", "black");

        // What we expect is that anything in dst overrides anything in src, but that otherwise the values are
        // coalesced.
        Coalesce.coalesceTables(dst, src);

        assertAll(
                () -> assertEquals("Ishmael", dst.get("name"), "Unexpected name"),
                () -> assertEquals("whaler", dst.get("occupation"), "Unexpected occupation"));

        Map<String, Object> addr = table(dst.get("address"));
        assertAll(
                () -> assertEquals("123 Spouter Inn Ct.", addr.get("street"), "Unexpected address"),
                () -> assertEquals("Nantucket", addr.get("city"), "Unexpected city"),
                () -> assertEquals("MA", addr.get("state"), "Unexpected state"),
                () -> assertFalse(addr.containsKey("country"), "The country is not left out."));

        Map<String, Object> det = table(dst.get("details"));
        assertAll(
                () -> assertTrue(det.containsKey("friends"), "Could not find your friends. Maybe you don't have any. :-("),
                () -> assertEquals("pequod", dst.get("boat"), "Expected boat string"),
                () -> assertFalse(dst.containsKey("hole"), "The hole still exists."));

        Map<String, Object> dst2 = map(
                "name", "Ishmael",
                "address", map(
                        "street", "123 Spouter Inn Ct.",
                        "city", "Nantucket",
                        "country", "US"),
                "details", map(
                        "friends", List.of("Tashtego")),
                "boat", "pequod",
                "hole", "black");

        // What we expect is that anything in dst should have all values set, this happens when the --reuse-values
        // flag is set but the chart has no modifications yet
        Coalesce.coalesceTables(dst2, null);

        assertEquals("Ishmael", dst2.get("name"), "Unexpected name");

        Map<String, Object> addr2 = table(dst2.get("address"));
        assertAll(
                () -> assertEquals("123 Spouter Inn Ct.", addr2.get("street"), "Unexpected address"),
                () -> assertEquals("Nantucket", addr2.get("city"), "Unexpected city"),
                () -> assertEquals("US", addr2.get("country"), "Unexpected Country"));

        Map<String, Object> det2 = table(dst2.get("details"));
        assertAll(
                () -> assertTrue(det2.containsKey("friends"), "Could not find your friends. Maybe you don't have any. :-("),
                () -> assertEquals("pequod", dst2.get("boat"), "Expected boat string"),
                () -> assertEquals("black", dst2.get("hole"), "Expected hole string"));
    }

    // TestMergeTables
    @Test
    void mergeTablesLetsDestinationWinAndKeepsNullsThenKeepsDestinationWhenSourceIsNull() {
        Map<String, Object> dst = map(
                "name", "Ishmael",
                "address", map(
                        "street", "123 Spouter Inn Ct.",
                        "city", "Nantucket",
                        "country", null),
                "details", map(
                        "friends", List.of("Tashtego")),
                "boat", "pequod",
                "hole", null);
        Map<String, Object> src = map(
                "occupation", "whaler",
                "address", map(
                        "state", "MA",
                        "street", "234 Spouter Inn Ct.",
                        "country", "US"),
                "details", "empty",
                "boat", map(
                        "mast", true),
                "hole", "black");

        // What we expect is that anything in dst overrides anything in src, but that otherwise the values are
        // coalesced.
        Coalesce.mergeTables(dst, src);

        assertAll(
                () -> assertEquals("Ishmael", dst.get("name"), "Unexpected name"),
                () -> assertEquals("whaler", dst.get("occupation"), "Unexpected occupation"));

        Map<String, Object> addr = table(dst.get("address"));
        assertAll(
                () -> assertEquals("123 Spouter Inn Ct.", addr.get("street"), "Unexpected address"),
                () -> assertEquals("Nantucket", addr.get("city"), "Unexpected city"),
                () -> assertEquals("MA", addr.get("state"), "Unexpected state"),
                // This is one test that is different from CoalesceTables. Because country is a nil value and it's not
                // removed it's still present.
                () -> assertTrue(addr.containsKey("country"), "The country is left out."));

        Map<String, Object> det = table(dst.get("details"));
        assertAll(
                () -> assertTrue(det.containsKey("friends"), "Could not find your friends. Maybe you don't have any. :-("),
                () -> assertEquals("pequod", dst.get("boat"), "Expected boat string"),
                // This is one test that is different from CoalesceTables. Because hole is a nil value and it's not
                // removed it's still present.
                () -> assertTrue(dst.containsKey("hole"), "The hole no longer exists."));

        Map<String, Object> dst2 = map(
                "name", "Ishmael",
                "address", map(
                        "street", "123 Spouter Inn Ct.",
                        "city", "Nantucket",
                        "country", "US"),
                "details", map(
                        "friends", List.of("Tashtego")),
                "boat", "pequod",
                "hole", "black",
                "nilval", null);

        // What we expect is that anything in dst should have all values set, this happens when the --reuse-values
        // flag is set but the chart has no modifications yet
        Coalesce.mergeTables(dst2, null);

        assertEquals("Ishmael", dst2.get("name"), "Unexpected name");

        Map<String, Object> addr2 = table(dst2.get("address"));
        assertAll(
                () -> assertEquals("123 Spouter Inn Ct.", addr2.get("street"), "Unexpected address"),
                () -> assertEquals("Nantucket", addr2.get("city"), "Unexpected city"),
                () -> assertEquals("US", addr2.get("country"), "Unexpected Country"));

        Map<String, Object> det2 = table(dst2.get("details"));
        assertAll(
                () -> assertTrue(det2.containsKey("friends"), "Could not find your friends. Maybe you don't have any. :-("),
                () -> assertEquals("pequod", dst2.get("boat"), "Expected boat string"),
                () -> assertEquals("black", dst2.get("hole"), "Expected hole string"),
                () -> assertNull(dst2.get("nilval"), "Expected nilvalue to have nil value but it does not"));
    }

    // TestCoalesceValuesWarnings
    @Test
    void coalesceValuesWarnsOfTableAndNonTableMismatchesWithTheFullKey() {
        Chart c = chart("level1", map(
                "name", "moby"),
                chart("level2", map(
                        "name", "pequod"),
                        chart("level3", map(
                                "name", "ahab",
                                "boat", true,
                                "spear", map(
                                        "tip", true,
                                        "sail", map(
                                                "cotton", true))))));

        Map<String, Object> vals = map(
                "level2", map(
                        "level3", map(
                                "boat", map("mast", true),
                                "spear", map(
                                        "tip", map(
                                                "sharp", true),
                                        "sail", true))));

        List<String> warnings = new ArrayList<>();
        Coalesce.coalesceValues(c, vals, warnings::add);

        assertAll(
                () -> assertTrue(warnings.contains("warning: skipped value for level1.level2.level3.boat: Not a table."),
                        () -> "warnings: " + warnings),
                () -> assertTrue(warnings.contains(
                        "warning: destination for level1.level2.level3.spear.tip is a table. Ignoring non-table value (true)"),
                        () -> "warnings: " + warnings),
                () -> assertTrue(warnings.contains(
                        "warning: cannot overwrite table with non table for level1.level2.level3.spear.sail (map[cotton:true])"),
                        () -> "warnings: " + warnings));
    }

    // TestConcatPrefix
    @Test
    void concatPrefixJoinsWithADotUnlessThePrefixIsEmpty() {
        assertEquals("b", Coalesce.concatPrefix("", "b"));
        assertEquals("a.b", Coalesce.concatPrefix("a", "b"));
    }

    // TestCoalesceValuesEmptyMapWithNils: the scenario of helm/helm#31643, where the chart has data: {} and the user
    // provides data: {foo: bar, baz: ~}
    @Test
    void coalesceValuesKeepsUserNullForKeyAbsentFromEmptyChartDefaultMap() {
        Chart c = chart("test", map(
                "data", map())); // empty map in chart defaults

        Map<String, Object> vals = map(
                "data", map(
                        "foo", "bar",
                        "baz", null)); // explicit nil from user

        Map<String, Object> v = Coalesce.coalesceValues(c, vals);

        Map<String, Object> data = table(v.get("data"));

        assertAll(
                // "foo" should be preserved
                () -> assertEquals("bar", data.get("foo")),
                // "baz" should be preserved with nil value since it wasn't in chart defaults
                () -> assertTrue(data.containsKey("baz"), "Expected data.baz key to be present but it was removed"),
                () -> assertNull(data.get("baz"), "Expected data.baz key to be nil but it is not"));
    }

    // TestCoalesceValuesSubchartDefaultNilsCleaned: nil values in subchart defaults are cleaned up during coalescing
    // when the parent doesn't set those keys. Regression test for helm/helm#31919.
    @Test
    void coalesceValuesRemovesSubchartDefaultNullsTheParentDoesNotSet() {
        // Subchart has a default with nil values (e.g. keyMapping: {password: null})
        Chart subchart = chart("child", map(
                "keyMapping", map(
                        "password", null)));

        Chart parent = chart("parent", map(), subchart);

        // Parent user values don't mention keyMapping at all
        Map<String, Object> vals = map();

        Map<String, Object> v = Coalesce.coalesceValues(parent, vals);

        Map<String, Object> childVals = table(v.get("child"));
        Map<String, Object> keyMapping = table(childVals.get("keyMapping"));

        // The nil "password" key from chart defaults should be cleaned up
        assertFalse(keyMapping.containsKey("password"),
                "Expected keyMapping.password (nil from chart defaults) to be removed, but it is still present");
    }

    // TestCoalesceValuesUserNullErasesSubchartDefault: a user-supplied null erases a subchart's default value during
    // coalescing. Regression test for helm/helm#31919.
    @Test
    void coalesceValuesUserNullErasesSubchartDefault() {
        Chart subchart = chart("child", map(
                "someKey", "default"));

        Chart parent = chart("parent", map(), subchart);

        // User explicitly nullifies the subchart key via parent values
        Map<String, Object> vals = map(
                "child", map(
                        "someKey", null));

        Map<String, Object> v = Coalesce.coalesceValues(parent, vals);

        Map<String, Object> childVals = table(v.get("child"));

        // someKey should be erased — user null overrides subchart default
        assertFalse(childVals.containsKey("someKey"),
                "Expected someKey to be removed by user null override, but it is still present");
    }

    // TestCoalesceValuesSubchartNilDoesNotShadowGlobal: a nil value in subchart defaults doesn't shadow a global value
    // accessible via pluck-like access. Regression test for helm/helm#31971.
    @Test
    void coalesceValuesSubchartDefaultNullDoesNotShadowGlobal() {
        Chart subchart = chart("child", map(
                "ingress", map(
                        "feature", null))); // nil in subchart defaults

        Chart parent = chart("parent", map(), subchart);

        // Parent sets the global value
        Map<String, Object> vals = map(
                "global", map(
                        "ingress", map(
                                "feature", true)));

        Map<String, Object> v = Coalesce.coalesceValues(parent, vals);

        Map<String, Object> childVals = table(v.get("child"));
        Map<String, Object> ingress = table(childVals.get("ingress"));

        // The nil "feature" from subchart defaults should be cleaned up, so that pluck can fall through to the global
        // value
        assertFalse(ingress.containsKey("feature"),
                "Expected ingress.feature (nil from chart defaults) to be removed so global can be used via pluck, but it is still present");
    }

    // TestCoalesceValuesSubchartNilCleanedWhenUserPartiallyOverrides: nil values in subchart defaults are cleaned even
    // when the user partially overrides the same map. Regression test for the coalesceTablesFullKey merge path.
    @Test
    void coalesceValuesRemovesSubchartDefaultNullsWhenUserPartiallyOverridesTheMap() {
        Chart subchart = chart("child", map(
                "keyMapping", map(
                        "password", null,
                        "format", "bcrypt")));

        Chart parent = chart("parent", map(), subchart);

        // User overrides format but doesn't mention password
        Map<String, Object> vals = map(
                "child", map(
                        "keyMapping", map(
                                "format", "sha256")));

        Map<String, Object> v = Coalesce.coalesceValues(parent, vals);

        Map<String, Object> childVals = table(v.get("child"));
        Map<String, Object> keyMapping = table(childVals.get("keyMapping"));

        assertAll(
                () -> assertEquals("sha256", keyMapping.get("format"), "User override should be preserved"),
                () -> assertFalse(keyMapping.containsKey("password"),
                        "Expected keyMapping.password (nil from chart defaults) to be removed even when user partially overrides the map"));
    }
}
