package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.helm.index.YamlScalars.Type;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain scalar typing as go-yaml v2 does it. The rows are go-yaml's own {@code unmarshalTests} that decode into
 * {@code interface{}} (yaml/go-yaml v2.4.3, commit 3b57511c5e469cd030f5df7705d1f4208aa8b339, decode_test.go), with the
 * string sigs.k8s.io/yaml v1.6.0 makes of each value where it converts one ({@code strconv.FormatInt},
 * {@code FormatFloat(f, 'g', -1, 32)}). Rows of that table that decode into typed Go values, and the UTF-16 rows,
 * have no equivalent: the reader only ever decodes into the untyped form, from UTF-8.
 */
class YamlScalarsTest {

    static Stream<Arguments> goYamlRows() {
        return Stream.of(
                Arguments.of("hi", Type.STRING, "hi"),
                Arguments.of("true", Type.BOOL, "true"),
                Arguments.of("10", Type.INT, "10"),
                Arguments.of("0b10", Type.INT, "2"),
                Arguments.of("0xA", Type.INT, "10"),
                Arguments.of("4294967296", Type.INT, "4294967296"),
                Arguments.of("0.1", Type.FLOAT, "0.1"),
                Arguments.of(".1", Type.FLOAT, "0.1"),
                Arguments.of(".Inf", Type.FLOAT, ".inf"),
                Arguments.of("-.Inf", Type.FLOAT, "-.inf"),
                Arguments.of("-10", Type.INT, "-10"),
                Arguments.of("-.1", Type.FLOAT, "-0.1"),
                Arguments.of("6.8523e+5", Type.FLOAT, "685230"),
                Arguments.of("685.230_15e+03", Type.FLOAT, "685230.1"),
                Arguments.of("685_230.15", Type.FLOAT, "685230.1"),
                Arguments.of("-.inf", Type.FLOAT, "-.inf"),
                Arguments.of("y", Type.BOOL, "true"),
                Arguments.of("NO", Type.BOOL, "false"),
                Arguments.of("True", Type.BOOL, "true"),
                Arguments.of("on", Type.BOOL, "true"),
                Arguments.of("685230", Type.INT, "685230"),
                Arguments.of("+685_230", Type.INT, "685230"),
                Arguments.of("02472256", Type.INT, "685230"),
                Arguments.of("0x_0A_74_AE", Type.INT, "685230"),
                Arguments.of("0b1010_0111_0100_1010_1110", Type.INT, "685230"),
                Arguments.of("-0b101010", Type.INT, "-42"),
                Arguments.of("-0b1000000000000000000000000000000000000000000000000000000000000000", Type.INT, "-9223372036854775808"),
                Arguments.of("", Type.NULL, ""),
                Arguments.of("~", Type.NULL, "~"),
                Arguments.of("null", Type.NULL, "null"),
                Arguments.of("-b_c", Type.STRING, "-b_c"),
                Arguments.of("+b_c", Type.STRING, "+b_c"),
                Arguments.of("50cent_of_dollar", Type.STRING, "50cent_of_dollar"),
                Arguments.of("2015-01-01", Type.STRING, "2015-01-01"), // a timestamp into interface{} stays a string
                Arguments.of("2015-02-24T18:19:39Z", Type.STRING, "2015-02-24T18:19:39Z"),
                Arguments.of("123456e1", Type.FLOAT, "1.23456e+06"),
                Arguments.of("123456E1", Type.FLOAT, "1.23456e+06"));
    }

    @ParameterizedTest
    @MethodSource("goYamlRows")
    void resolvesAsGoYamlV2(String plain, Type type, String asString) {
        assertThat(YamlScalars.resolve(plain)).isEqualTo(type);
        if (type != Type.NULL) {
            assertThat(YamlScalars.asString(type, plain)).isEqualTo(asString);
        }
    }

    /** More rows from go-yaml's resolve.go rules: what stays a string. */
    @ParameterizedTest
    @CsvSource({
        "1.0.0, STRING", "v1, STRING", "08, FLOAT", "0x, STRING", "0o17, INT", "1e400, STRING", "-, STRING", "+, STRING",
        "18446744073709551615, INT", "18446744073709551616, FLOAT", "+18446744073709551615, FLOAT", "-9223372036854775809, FLOAT",
        "yes, BOOL", "Yes, BOOL", "yES, STRING", "ON, BOOL", "oN, STRING", "off, BOOL", "NULL, NULL", "nULL, STRING", ".nan, FLOAT",
        ".NaN, FLOAT", ".5e3, FLOAT", ".5_0, STRING", "._5, STRING", "1., FLOAT", "1_000, INT", "<<, STRING", "392065e2, FLOAT",
        "0ceb7db3, STRING", "72551e2, FLOAT", "1.2.3, STRING", "2.x.x, STRING", "১২, STRING",
    })
    void otherPlainScalars(String plain, Type type) {
        assertThat(YamlScalars.resolve(plain)).isEqualTo(type);
    }

    /** Go's strconv.FormatFloat(f, 'g', -1, 32). */
    @ParameterizedTest
    @CsvSource({
        "1, 1", "1.5, 1.5", "1000000, 1e+06", "123456, 123456", "0.0001, 0.0001", "0.00001, 1e-05", "39206500, 3.92065e+07",
        "16777217, 1.6777216e+07", "0.1, 0.1", "-2.5, -2.5", "1e39, .inf", "-1e39, -.inf", "0, 0", "100, 100", "3.4028235e38, 3.4028235e+38",
    })
    void formatsFloatsAsGoDoesForFloat32(double value, String expected) {
        assertThat(YamlScalars.formatFloat32(value)).isEqualTo(expected);
    }
}
