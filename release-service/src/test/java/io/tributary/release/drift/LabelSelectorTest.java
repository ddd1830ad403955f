package io.tributary.release.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Label selector expressions as {@code k8s.io/apimachinery/pkg/labels.Parse} reads and matches them. */
class LabelSelectorTest {

    static final Map<String, String> LABELS = Map.of("env", "prod", "tier", "web", "replicas", "3");

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of("", true),
                Arguments.of("env", true),
                Arguments.of("!env", false),
                Arguments.of("!missing", true),
                Arguments.of("env=prod", true),
                Arguments.of("env==prod", true),
                Arguments.of("env = staging", false),
                Arguments.of("env!=staging", true),
                Arguments.of("missing!=x", true),
                Arguments.of("env in (prod, staging)", true),
                Arguments.of("env in (staging)", false),
                Arguments.of("env notin (staging)", true),
                Arguments.of("missing notin (x)", true),
                Arguments.of("missing in (x)", false),
                Arguments.of("env=prod,tier=web", true),
                Arguments.of("env=prod,tier=db", false),
                Arguments.of("replicas>2", true),
                Arguments.of("replicas<2", false),
                Arguments.of("env>2", false),
                Arguments.of("example.com/team=", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matching(String expression, boolean want) throws Exception {
        assertThat(LabelSelector.parse(expression).matches(LABELS)).isEqualTo(want);
    }

    @ParameterizedTest
    @ValueSource(strings = {"env in prod", "env in ()", "env=prod,", "=prod", "env > x", "bad key!", "env=(x)", "-env", "env=a b"})
    void invalid(String expression) {
        assertThatThrownBy(() -> LabelSelector.parse(expression)).isInstanceOf(LabelSelector.InvalidSelectorException.class);
    }
}
