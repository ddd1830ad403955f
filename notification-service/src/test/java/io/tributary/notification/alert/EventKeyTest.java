package io.tributary.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.events.FluxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ported from fluxcd/notification-controller (HEAD 2e46958a67f3af0e3e755a4fcaf7397d5803725e),
 * internal/server/event_server_test.go TestEventKeyFunc: the same sequence of events, in order, each row saying whether
 * it is a duplicate (upstream: answered 429 by the rate limiter) of one already sent within the window.
 */
class EventKeyTest {

    private static final String K = "kustomize.toolkit.fluxcd.io/";

    record Row(String name, String severity, String message, Map<String, String> metadata, boolean duplicate) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("1", "info", "Health check passed", Map.of(), false),
            new Row("1", "info", "Health check passed", Map.of(), true),
            new Row("1", "error", "Health check timed out for [Deployment 'foo/bar']", Map.of(), false),
            new Row("2", "info", "Health check passed", Map.of(), false),
            new Row("3", "info", "Health check passed", Map.of(), false),
            new Row("2", "info", "Health check passed", Map.of(), true),
            new Row("4", "info", "Health check passed", Map.of(K + "revision", "rev1"), false),
            new Row("4", "info", "Health check passed", Map.of(K + "revision", "rev1"), true),
            new Row("4", "info", "Health check passed", Map.of(K + "revision", "rev2"), false),
            new Row("4", "info", "Health check passed", Map.of(K + "originRevision", "orev1"), false),
            new Row("4", "info", "Health check passed", Map.of(K + "originRevision", "orev1"), true),
            new Row("4", "info", "Health check passed", Map.of(K + "originRevision", "orev2"), false),
            new Row("4", "info", "Health check passed", Map.of(K + "token", "token1"), false),
            new Row("4", "info", "Health check passed", Map.of(K + "token", "token1"), true),
            new Row("4", "info", "Health check passed", Map.of(K + "token", "token2"), false));

    @Test
    void duplicatesWithinTheWindowAreSentOnce() {
        RecentEvents recent = new RecentEvents(Duration.ofMinutes(5), 1000);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < ROWS.size(); i++) {
            Row row = ROWS.get(i);
            FluxEvent event = new FluxEvent(new FluxEvent.InvolvedObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", row.name(),
                    row.name(), null), row.severity(), now, row.message(), "Progressing", row.metadata(), "kustomize-controller", null);
            assertThat(!recent.first(EventKey.of(event), now)).as("row %d", i).isEqualTo(row.duplicate());
        }
    }

    @Test
    void aKeyIsSentAgainOnceTheWindowHasPassed() {
        RecentEvents recent = new RecentEvents(Duration.ofMinutes(5), 1000);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(recent.first("k", start)).isTrue();
        assertThat(recent.first("k", start.plusSeconds(299))).isFalse();
        assertThat(recent.first("k", start.plusSeconds(300))).isTrue();
        recent.forget("k");
        assertThat(recent.first("k", start.plusSeconds(301))).isTrue();
    }

    @Test
    void severityIsNotPartOfTheKeyButTheMessageIs() {
        var object = new FluxEvent.InvolvedObject("source.toolkit.fluxcd.io/v1", "GitRepository", "a", "b", null);
        String info = EventKey.of(new FluxEvent(object, "info", null, "m", "r", Map.of(), null, null));
        assertThat(EventKey.of(new FluxEvent(object, "error", null, "m", "other", Map.of(), null, null))).isEqualTo(info);
        assertThat(EventKey.of(new FluxEvent(object, "info", null, "m2", "r", Map.of(), null, null))).isNotEqualTo(info);
    }
}
