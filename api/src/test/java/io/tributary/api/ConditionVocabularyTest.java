package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition type and reason the services write passes the API server's validation of {@code metav1.Condition}
 * (the CRDs carry its schema): a status write with any other is refused with 422.
 */
class ConditionVocabularyTest {

    static Stream<Arguments> reasons() {
        return constants(Reasons.class);
    }

    static Stream<Arguments> types() {
        return constants(ConditionTypes.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void reasonMatchesTheConditionSchema(String name, String reason) {
        var schema = CrdSchemaFixes.condition().getProperties().get("reason");
        assertThat(reason).matches(Pattern.compile(schema.getPattern()))
                .hasSizeBetween(schema.getMinLength().intValue(), schema.getMaxLength().intValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void typeMatchesTheConditionSchema(String name, String type) {
        var schema = CrdSchemaFixes.condition().getProperties().get("type");
        assertThat(type).matches(Pattern.compile(schema.getPattern())).hasSizeLessThanOrEqualTo(schema.getMaxLength().intValue());
    }

    private static Stream<Arguments> constants(Class<?> holder) {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> Arguments.of(f.getName(), value(f)));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
