package io.tributary.release.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three-way cases of strategicpatch's own tests ({@code strategicpatch/three-way-cases.yaml}): each row's patch,
 * made with {@code overwrite} true as Helm makes it, is the one upstream expects, compared as JSON trees. Each row runs
 * with the Go struct tags of upstream's test type {@code MergeItem} and with the same type as upstream's OpenAPI v3
 * test document ({@link OpenApiPatchMeta}).
 */
class StrategicMergePatchTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Go type as {@code PatchMetaFromStruct} sees it, with the {@code patchStrategy}/{@code patchMergeKey} tags. */
    static final class GoType implements PatchMeta {
        enum Kind { STRUCT, SLICE, POINTER, MAP, SCALAR }

        final String name;
        final Kind kind;
        GoType elem;
        final Map<String, Field> fields = new HashMap<>();

        GoType(String name, Kind kind, GoType elem) {
            this.name = name;
            this.kind = kind;
            this.elem = elem;
        }

        GoType field(String json, GoType type, String strategy, String mergeKey) {
            fields.put(json, new Field(strategy.isEmpty() ? List.of() : List.of(strategy.split(",")), mergeKey, type));
            return this;
        }

        @Override
        public Field lookupForStruct(String key) throws UnknownFieldException {
            GoType t = kind == Kind.POINTER ? elem : this;
            if (t.kind != Kind.STRUCT) {
                throw new UnknownFieldException("merging an object in json but data type is not struct, instead is: " + t.name);
            }
            Field f = t.fields.get(key);
            if (f == null) {
                throw new UnknownFieldException("unable to find api field in struct " + t.name + " for the json field \"" + key + "\"");
            }
            return f;
        }

        @Override
        public Field lookupForSlice(String key) throws UnknownFieldException {
            Field f = lookupForStruct(key);
            GoType t = (GoType) f.value();
            GoType elemType = switch (t.kind) {
                case SLICE -> t.elem;
                case POINTER -> t.elem.kind == Kind.SLICE ? t.elem.elem : t.elem;
                default -> throw new UnknownFieldException("expected slice or array type, but got: " + t.name);
            };
            return new Field(f.strategies(), f.mergeKey(), elemType);
        }

        @Override
        public String name() {
            return name;
        }
    }

    /** upstream's {@code MergeItem} and {@code RetainKeysMergeItem}. */
    static final GoType MERGE_ITEM = mergeItem();

    private static GoType mergeItem() {
        GoType string = new GoType("string", GoType.Kind.SCALAR, null);
        GoType integer = new GoType("int", GoType.Kind.SCALAR, null);
        GoType item = new GoType("MergeItem", GoType.Kind.STRUCT, null);
        GoType items = new GoType("[]MergeItem", GoType.Kind.SLICE, item);
        GoType ints = new GoType("[]int", GoType.Kind.SLICE, integer);
        GoType simpleMap = new GoType("map[string]string", GoType.Kind.MAP, string);
        GoType rawExtension = new GoType("RawExtension", GoType.Kind.STRUCT, null);
        GoType retainKeysItem = new GoType("RetainKeysMergeItem", GoType.Kind.STRUCT, null)
                .field("name", string, "", "").field("value", string, "", "").field("other", string, "", "")
                .field("simpleMap", simpleMap, "", "").field("mergingIntList", ints, "merge", "")
                .field("mergingList", items, "merge", "name").field("nonMergingList", items, "", "");
        return item.field("name", string, "", "").field("value", string, "", "").field("other", string, "", "")
                .field("mergingList", items, "merge", "name")
                .field("nonMergingList", items, "", "")
                .field("mergingIntList", ints, "merge", "")
                .field("nonMergingIntList", ints, "", "")
                .field("mergeItemPtr", new GoType("*MergeItem", GoType.Kind.POINTER, item), "merge", "name")
                .field("simpleMap", simpleMap, "", "")
                .field("replacingItem", rawExtension, "replace", "")
                .field("retainKeysMap", retainKeysItem, "retainKeys", "")
                .field("retainKeysMergingList", items, "merge,retainKeys", "name");
    }

    private static JsonNode cases() throws IOException {
        try (InputStream in = StrategicMergePatchTest.class.getResourceAsStream("/strategicpatch/three-way-cases.yaml")) {
            return YAML.readTree(in);
        }
    }

    /** upstream's {@code testdata/swagger-merge-item-v3.json}: the same type as an OpenAPI v3 document. */
    static PatchMeta openApiMergeItem() throws IOException {
        try (InputStream in = StrategicMergePatchTest.class.getResourceAsStream("/strategicpatch/swagger-merge-item-v3.json")) {
            return OpenApiPatchMeta.forKind(JSON.readTree(in), "fake-group", "some-version", "mergeItem").orElseThrow();
        }
    }

    /** Every row of {@code table}, once with the struct tags and once with the OpenAPI document. */
    private static Stream<Arguments> rows(String table) throws IOException {
        PatchMeta openApi = openApiMergeItem();
        return StreamSupport.stream(cases().get(table).spliterator(), false).flatMap(c -> Stream.of(
                Arguments.of("struct: " + c.get("description").asText(), MERGE_ITEM, c),
                Arguments.of("openapi v3: " + c.get("description").asText(), openApi, c)));
    }

    static Stream<Arguments> structured() throws IOException {
        return rows("structured");
    }

    static Stream<Arguments> raw() throws IOException {
        return Stream.concat(rows("raw"), rows("replacingItem"));
    }

    static Stream<Arguments> unknownField() throws IOException {
        return rows("unknownField");
    }

    private static ObjectNode sorted(JsonNode c, String field, PatchMeta schema) throws StrategicMergePatch.PatchException {
        JsonNode node = c.get(field);
        return node == null || node.isNull() ? null : StrategicMergePatch.sortMergeListsByName((ObjectNode) node, schema);
    }

    /** {@code createStrategicMergePatchTestCaseData}: inputs and expected patch sorted by merge key first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("structured")
    void structuredCase(String description, PatchMeta schema, JsonNode c) throws Exception {
        ObjectNode patch = StrategicMergePatch.create(sorted(c, "original", schema), sorted(c, "modified", schema),
                sorted(c, "current", schema), schema);
        assertThat(patch).as(description).isEqualTo(sorted(c, "threeWay", schema));
    }

    /** {@code strategicMergePatchRawTestCases} and {@code replaceRawExtensionPatchTestCases}: order as written. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("raw")
    void rawCase(String description, PatchMeta schema, JsonNode c) throws Exception {
        ObjectNode patch = StrategicMergePatch.create(c.get("original"), c.get("modified"), c.get("current"), schema);
        assertThat(patch).as(description).isEqualTo(c.get("threeWay"));
    }

    /** {@code TestUnknownField}: a field the schema lacks needs no metadata unless its object changed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownField")
    void unknownFieldCase(String description, PatchMeta schema, JsonNode c) throws Exception {
        if (c.has("threeWayError")) {
            assertThatThrownBy(() -> StrategicMergePatch.create(c.get("original"), c.get("modified"), c.get("current"), schema))
                    .as(description).isInstanceOf(StrategicMergePatch.PatchException.class)
                    .hasMessageContaining(c.get("threeWayError").asText());
        } else {
            assertThat(StrategicMergePatch.create(c.get("original"), c.get("modified"), c.get("current"), schema)).as(description)
                    .isEqualTo(c.get("threeWay"));
        }
    }

    @Test
    void theTablesCoverEveryDirective() throws IOException {
        String all = cases().toString();
        assertThat(cases().get("structured")).hasSize(22);
        assertThat(cases().get("raw")).hasSize(94);
        assertThat(cases().get("replacingItem")).hasSize(2);
        assertThat(cases().get("unknownField")).hasSize(14);
        assertThat(all).contains("$setElementOrder/mergingList", "$setElementOrder/mergingIntList", "$deleteFromPrimitiveList/mergingIntList",
                "$retainKeys", "\"$patch\":\"delete\"", "replacingItem", "mergeItemPtr");
    }

    private static JsonNode json(String yaml) throws IOException {
        return YAML.readTree(yaml);
    }

    @Test
    void numbersCompareByValue() throws Exception {
        // an int read from YAML and the same value as the API server writes it are no change
        JsonNode original = JSON.readTree("{\"name\":\"a\",\"value\":3}");
        JsonNode current = JSON.readTree("{\"name\":\"a\",\"value\":3.0}");
        assertThat(StrategicMergePatch.create(original, original, current, MERGE_ITEM)).isEmpty();
    }

    @Test
    void aChangedFieldTheSchemaDoesNotKnowIsAnError() throws Exception {
        assertThatThrownBy(() -> StrategicMergePatch.create(json("{unknown: {a: 1}}"), json("{unknown: {a: 2}}"), json("{unknown: {a: 1}}"),
                MERGE_ITEM)).isInstanceOf(StrategicMergePatch.PatchException.class).hasMessageContaining("\"unknown\"");
        // unchanged, it needs no metadata
        assertThat(StrategicMergePatch.create(json("{unknown: {a: 1}}"), json("{unknown: {a: 1}}"), json("{unknown: {a: 1}}"), MERGE_ITEM))
                .isEmpty();
    }

    @Test
    void aMergingListItemWithoutItsMergeKeyIsAnError() throws Exception {
        assertThatThrownBy(() -> StrategicMergePatch.create(json("{mergingList: [{name: a}]}"), json("{mergingList: [{value: b}]}"),
                json("{mergingList: [{name: a}]}"), MERGE_ITEM)).isInstanceOf(StrategicMergePatch.PatchException.class)
                .hasMessageContaining("does not contain declared merge key: name");
    }

    @Test
    void listsOfListsAndMixedItemsAreErrors() throws Exception {
        assertThatThrownBy(() -> StrategicMergePatch.create(json("{mergingIntList: [[1]]}"), json("{mergingIntList: [[2]]}"), null, MERGE_ITEM))
                .isInstanceOf(StrategicMergePatch.PatchException.class).hasMessageContaining("lists of lists");
        assertThatThrownBy(() -> StrategicMergePatch.create(json("{mergingIntList: [1]}"), json("{mergingIntList: [1, a]}"), null, MERGE_ITEM))
                .isInstanceOf(StrategicMergePatch.PatchException.class).hasMessageContaining("not identical");
    }
}
