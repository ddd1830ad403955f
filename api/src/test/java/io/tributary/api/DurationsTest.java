package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.meta.Durations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"1m,60000", "1h30m,5400000", "500ms,500", "1.5s,1500", "10m0s,600000"})
    void parsesGoDurations(String text, long millis) {
        assertThat(Durations.parse("spec.interval", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "1d", "-1m", "m"})
    void rejectsMalformedDurationsNamingTheField(String text) {
        assertThatThrownBy(() -> Durations.parse("spec.interval", text))
                .hasMessageStartingWith("spec.interval: invalid duration");
    }
}
