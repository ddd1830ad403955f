package io.tributary.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.notification.AlertSpec;
import io.tributary.events.FluxEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ported from fluxcd/notification-controller (HEAD 2e46958a67f3af0e3e755a4fcaf7397d5803725e),
 * internal/server/event_handlers_test.go: TestCombineEventMetadata (every row; the expected Warning event's annotations
 * become the conflicts map) and Test_excludeInternalMetadata; internal/server/event_server_test.go TestCleanupMetadata. Upstream leaves metadata nil when empty; here it is an
 * empty map.
 */
class EventMetadataMergeTest {

    private static final FluxEvent.InvolvedObject KS = new FluxEvent.InvolvedObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "ns", "n", null);
    private static final String OBJ = EventMetadataMerge.OBJECT_ANNOTATIONS;
    private static final String META = EventMetadataMerge.ALERT_EVENT_METADATA;
    private static final String SUMMARY = EventMetadataMerge.ALERT_SUMMARY;
    private static final String CTRL = EventMetadataMerge.CONTROLLER_METADATA;

    static Stream<Arguments> combineEventMetadata() {
        return Stream.of(
                Arguments.of("empty metadata", Map.of(), alert(null, null), Map.of(), Map.of()),
                Arguments.of("all metadata sources work",
                        Map.of("kustomize.toolkit.fluxcd.io/controllerMetadata1", "controllerMetadataValue1",
                                "kustomize.toolkit.fluxcd.io/controllerMetadata2", "controllerMetadataValue2",
                                "event.toolkit.fluxcd.io/objectMetadata1", "objectMetadataValue1",
                                "event.toolkit.fluxcd.io/objectMetadata2", "objectMetadataValue2"),
                        alert("summaryValue", Map.of("foo", "bar", "baz", "qux")),
                        Map.of("foo", "bar", "baz", "qux", "controllerMetadata1", "controllerMetadataValue1",
                                "controllerMetadata2", "controllerMetadataValue2", "summary", "summaryValue",
                                "objectMetadata1", "objectMetadataValue1", "objectMetadata2", "objectMetadataValue2"),
                        Map.of()),
                Arguments.of("object metadata is overriden by summary", Map.of("event.toolkit.fluxcd.io/summary", "objectSummary"),
                        alert("alertSummary", null), Map.of("summary", "alertSummary"), Map.of("summary", List.of(OBJ, SUMMARY))),
                Arguments.of("alert event metadata is overriden by summary", Map.of(),
                        alert("alertSummary", Map.of("summary", "eventMetadataSummary")), Map.of("summary", "alertSummary"),
                        Map.of("summary", List.of(META, SUMMARY))),
                Arguments.of("summary is overriden by controller metadata", Map.of("kustomize.toolkit.fluxcd.io/summary", "controllerSummary"),
                        alert("alertSummary", null), Map.of("summary", "controllerSummary"), Map.of("summary", List.of(SUMMARY, CTRL))),
                Arguments.of("precedence order in RFC 0008 is honered",
                        Map.of("kustomize.toolkit.fluxcd.io/objectMetadataOverridenByController", "controllerMetadataValue1",
                                "kustomize.toolkit.fluxcd.io/alertMetadataOverridenByController", "controllerMetadataValue2",
                                "kustomize.toolkit.fluxcd.io/controllerMetadata", "controllerMetadataValue3",
                                "event.toolkit.fluxcd.io/objectMetadata", "objectMetadataValue1",
                                "event.toolkit.fluxcd.io/objectMetadataOverridenByAlert", "objectMetadataValue2",
                                "event.toolkit.fluxcd.io/objectMetadataOverridenByController", "objectMetadataValue3"),
                        alert(null, Map.of("objectMetadataOverridenByAlert", "alertMetadataValue1", "alertMetadata", "alertMetadataValue2",
                                "alertMetadataOverridenByController", "alertMetadataValue3")),
                        Map.of("objectMetadata", "objectMetadataValue1", "objectMetadataOverridenByAlert", "alertMetadataValue1",
                                "objectMetadataOverridenByController", "controllerMetadataValue1", "alertMetadata", "alertMetadataValue2",
                                "alertMetadataOverridenByController", "controllerMetadataValue2", "controllerMetadata", "controllerMetadataValue3"),
                        Map.of("alertMetadataOverridenByController", List.of(META, CTRL),
                                "objectMetadataOverridenByAlert", List.of(OBJ, META),
                                "objectMetadataOverridenByController", List.of(OBJ, CTRL))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void combineEventMetadata(String name, Map<String, String> event, AlertSpec alert, Map<String, String> expected,
            Map<String, List<String>> conflicts) {
        EventMetadataMerge.Merged merged = EventMetadataMerge.merge(KS, event, alert);
        assertThat(merged.metadata()).isEqualTo(expected);
        assertThat(merged.conflicts()).isEqualTo(conflicts);
    }

    @Test
    void cleanupMetadataKeepsTheObjectGroupAndEventKeysLessChecksumAndDigest() {
        String group = "kustomize.toolkit.fluxcd.io";
        assertThat(EventMetadataMerge.cleanedUp(new FluxEvent(KS, "info", null, "m", "r", Map.of(), null, null)).metadata()).isEmpty();
        Map<String, String> metadata = Map.of(group + "/foo", "fooval", group + "/bar", "barval", group + "/checksum", "aaaaa",
                group + "/digest", "bbbbbbbb", "source.toolkit.fluxcd.io/baz", "bazval", group + "/zzz", "zzzz", group + "/aa/bb", "cc",
                "event.toolkit.fluxcd.io/baz", "foo", "event.toolkit.fluxcd.io/bazfoo", "foobaz");
        assertThat(EventMetadataMerge.cleanedUp(new FluxEvent(KS, "info", null, "m", "r", metadata, null, null)).metadata())
                .isEqualTo(Map.of(group + "/foo", "fooval", group + "/bar", "barval", group + "/zzz", "zzzz", group + "/aa/bb", "cc",
                        "event.toolkit.fluxcd.io/baz", "foo", "event.toolkit.fluxcd.io/bazfoo", "foobaz"));
    }

    @Test
    void excludeInternalMetadataDropsTheTokenKeyOnly() {
        assertThat(EventMetadataMerge.withoutInternal(KS, null)).isEmpty();
        assertThat(EventMetadataMerge.withoutInternal(KS, Map.of("kustomize.toolkit.fluxcd.io/token", "aaaa",
                "kustomize.toolkit.fluxcd.io/revision", "bbbb"))).isEqualTo(Map.of("kustomize.toolkit.fluxcd.io/revision", "bbbb"));
    }

    private static AlertSpec alert(String summary, Map<String, String> eventMetadata) {
        AlertSpec spec = new AlertSpec();
        spec.summary = summary;
        spec.eventMetadata = eventMetadata;
        return spec;
    }
}
