package io.tributary.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payload decoding as Go's {@code json.Unmarshal} into Flux's Nexus payload struct
 * ({@code struct { Action string; RepositoryName string }}) accepts or refuses it. Expected outcomes follow
 * encoding/json's documented behaviour: case-insensitive field matching, {@code null} decodes to the zero value,
 * invalid UTF-8 in strings becomes U+FFFD, nesting beyond 10000 levels fails.
 */
class JsonPayloadsTest {

    record Row(String name, byte[] body, boolean decodes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String body, boolean decodes) {
        return new Row(name, body.getBytes(StandardCharsets.UTF_8), decodes);
    }

    static Stream<Row> rows() {
        return Stream.of(
                row("object", "{\"action\":\"CREATED\",\"repositoryName\":\"npm\"}", true),
                row("empty object", "{}", true),
                row("null", "null", true),
                row("surrounding whitespace", " \n{}\t ", true),
                row("other fields of any type", "{\"asset\":{\"n\":[1,2,{\"x\":null}]},\"size\":12.5e3}", true),
                row("string fields may be null", "{\"action\":null}", true),
                row("field names match case-insensitively", "{\"ACTION\":7}", false),
                row("action a number", "{\"action\":5}", false),
                row("repositoryName an object", "{\"repositoryName\":{}}", false),
                row("empty body", "", false),
                row("not JSON", "not json", false),
                row("an array", "[1]", false),
                row("a string", "\"s\"", false),
                row("two values", "{}{}", false),
                row("unterminated", "{\"action\":\"x", false),
                row("nested 9999 deep", "{\"a\":" + "[".repeat(9998) + "]".repeat(9998) + "}", true),
                row("nested 100000 deep", "[".repeat(100_000), false),
                new Row("invalid UTF-8 inside a string", concat("{\"action\":\"", new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}"), true),
                new Row("invalid UTF-8 outside strings", concat("{", new byte[] {(byte) 0xc3}, "}"), false));
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodesAsGoWould(Row row) {
        String error = JsonPayloads.objectWithStringFields(row.body(), "action", "repositoryName");
        if (row.decodes()) {
            assertThat(error).isNull();
        } else {
            assertThat(error).isNotBlank();
        }
    }
}
