package io.tributary.helm.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Helm's sanitizeString (pkg/chart/v2/metadata.go), Go's strconv.Quote, and Go's strict RFC 3339 parse. */
class ChartTextTest {

    static Stream<Arguments> sanitized() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("a\tb\nc\rd\u000be\ff", "a b c d e f"),
                Arguments.of("no\u00a0break\u2003em\u3000ideographic\u0085nel", "no break em ideographic nel"),
                Arguments.of("bell\u0007gone\u007f", "bellgone"),
                Arguments.of("zero\u200bwidth\u00adsoft\ufeffbom", "zerowidthsoftbom"),
                Arguments.of("caf\u00e9 \u65e5\u672c \ud83d\ude00", "caf\u00e9 \u65e5\u672c \ud83d\ude00"),
                Arguments.of("private\ue000use", "privateuse"));
    }

    @ParameterizedTest
    @MethodSource("sanitized")
    void sanitizesAsHelm(String in, String out) {
        assertThat(ChartText.sanitize(in)).isEqualTo(out);
    }

    static Stream<Arguments> quoted() {
        return Stream.of(
                Arguments.of("latest", "\"latest\""),
                Arguments.of("a\"b\\", "\"a\\\"b\\\\\""),
                Arguments.of("tab\there", "\"tab\\there\""),
                Arguments.of("bell\u0007", "\"bell\\a\""),
                Arguments.of("del\u007f", "\"del\\x7f\""),
                Arguments.of("nbsp\u00a0", "\"nbsp\\u00a0\""),
                Arguments.of("caf\u00e9", "\"caf\u00e9\""));
    }

    @ParameterizedTest
    @MethodSource("quoted")
    void quotesAsGo(String in, String out) {
        assertThat(ChartText.quote(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({
        "2006-01-02T15:04:05Z, true", "2006-01-02T15:04:05.999999999Z, true", "2016-10-06T16:23:20.499029981-06:00, true",
        "2006-01-02T15:04:05.1234567891234Z, true", "2024-02-29T00:00:00+23:59, true",
        "2006-01-02, false", "2006-01-02 15:04:05Z, false", "2006-01-02t15:04:05Z, false", "2006-01-02T15:04:05z, false",
        "2006-1-02T15:04:05Z, false", "2006-01-02T5:04:05Z, false", "2006-01-02T15:04:05, false", "2006-01-02T15:04:05.Z, false",
        "'2006-01-02T15:04:05,5Z', false", "2023-02-29T00:00:00Z, false", "2006-13-02T15:04:05Z, false", "2006-01-02T24:00:00Z, false",
        "2006-01-02T15:04:60Z, false", "2006-01-02T15:04:05+24:00, false", "2006-01-02T15:04:05+0700, false", "'', false",
    })
    void checksRfc3339AsGo(String text, boolean valid) {
        assertThat(Rfc3339.valid(text)).isEqualTo(valid);
    }
}
