package io.tributary.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchGraceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aWatchIsDeadOnlyAfterTheGraceWithoutOne() {
        WatchGrace grace = new WatchGrace(Duration.ofSeconds(20));
        assertThat(grace.dead(Map.of("a", true, "b", false), T0)).isEmpty();
        assertThat(grace.dead(Map.of("a", true, "b", false), T0.plusSeconds(19))).isEmpty();
        assertThat(grace.dead(Map.of("a", true, "b", false), T0.plusSeconds(20))).containsExactly("b");
    }

    @Test
    void aWatchThatComesBackStartsItsGraceAgain() {
        WatchGrace grace = new WatchGrace(Duration.ofSeconds(20));
        grace.dead(Map.of("a", false), T0);
        assertThat(grace.dead(Map.of("a", true), T0.plusSeconds(15))).isEmpty();
        assertThat(grace.dead(Map.of("a", false), T0.plusSeconds(16))).isEmpty();
        assertThat(grace.dead(Map.of("a", false), T0.plusSeconds(30))).isEmpty();
        assertThat(grace.dead(Map.of("a", false), T0.plusSeconds(36))).containsExactly("a");
    }

    @Test
    void informersThatAreGoneAreForgotten() {
        WatchGrace grace = new WatchGrace(Duration.ofSeconds(1));
        grace.dead(Map.of("old", false), T0);
        assertThat(grace.dead(Map.of("new", true), T0.plusSeconds(5))).isEmpty();
        assertThat(grace.dead(Map.of("old", false), T0.plusSeconds(5))).isEmpty();
    }
}
