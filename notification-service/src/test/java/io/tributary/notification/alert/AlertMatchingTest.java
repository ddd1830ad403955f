package io.tributary.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.notification.AlertSpec;
import io.tributary.events.FluxEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ported from fluxcd/notification-controller v1.9.x (HEAD 2e46958a67f3af0e3e755a4fcaf7397d5803725e),
 * internal/server/event_handlers_test.go: TestFilterAlertsForEvent (every row) and TestEventMatchesAlert (every row;
 * the "label selector" rows read the involved object's labels from testdata/kustomization.yaml, here a lookup that
 * answers {@code app: podinfo}, or nothing for "object not found").
 */
class AlertMatchingTest {

    private static final String NS = "foo-ns";
    private static final FluxEvent.InvolvedObject KUSTOMIZATION =
            new FluxEvent.InvolvedObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", NS, "foo", null);
    private static final AlertMatching.LabelLookup PODINFO = object -> Optional.of(Map.of("app", "podinfo"));
    private static final AlertMatching.LabelLookup NOT_FOUND = object -> Optional.empty();

    static Stream<Arguments> filterAlertsForEvent() {
        return Stream.of(
                Arguments.of("all match", List.of(spec("*"), spec("foo")), 2),
                Arguments.of("some suspended alerts", List.of(suspended(spec("*")), spec("foo")), 1),
                Arguments.of("alerts with inclusion list unmatch", List.of(include(spec("*"), "some unmatch include")), 0),
                Arguments.of("alerts with inclusion list match",
                        List.of(include(spec("*"), "some unmatch include"), include(spec("*"), "some")), 1),
                Arguments.of("alerts with invalid inclusion rule", List.of(include(spec("*"), "[")), 0),
                Arguments.of("alerts with exclusion list match", List.of(spec("*"), exclude(spec("foo"), "excluded message")), 1),
                Arguments.of("alerts with invalid exclusion rule", List.of(spec("*"), exclude(spec("foo"), "[")), 2),
                Arguments.of("alerts with inclusion and exclusion list match",
                        List.of(spec("*"), exclude(include(spec("foo"), "excluded message"), "excluded message")), 1),
                Arguments.of("event source NS is not overwritten by alert NS", List.of(inNamespace(spec("*"), "foo-bar")), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void filterAlertsForEvent(String name, List<AlertSpec> alerts, int expected) {
        FluxEvent event = event(null, "some excluded message");
        long matched = alerts.stream().filter(alert -> AlertMatching.matches(NS, alert, event, NOT_FOUND)).count();
        assertThat(matched).isEqualTo(expected);
    }

    static Stream<Arguments> eventMatchesAlert() {
        return Stream.of(
                Arguments.of("source and event namespace mismatch", null, source("Kustomization", "*", "test-ns", null), "info", NOT_FOUND, false),
                Arguments.of("source and event kind mismatch", null, source("GitRepository", "*", NS, null), "info", NOT_FOUND, false),
                Arguments.of("event and alert severity mismatch, alert severity error", "info", source("Kustomization", "*", NS, null),
                        "error", NOT_FOUND, false),
                Arguments.of("event and alert severity mismatch, alert severity info", "error", source("Kustomization", "*", NS, null),
                        "info", NOT_FOUND, true),
                Arguments.of("source with matching kind and namespace, any name", null, source("Kustomization", "*", NS, null), "info",
                        NOT_FOUND, true),
                Arguments.of("source with matching kind and namespace, unmatched name", null, source("Kustomization", "bar", NS, null),
                        "info", NOT_FOUND, false),
                Arguments.of("source with matching kind and namespace, matched name", null, source("Kustomization", "foo", NS, null),
                        "info", NOT_FOUND, true),
                Arguments.of("label selector match", null, source("Kustomization", "*", NS, Map.of("app", "podinfo")), "info", PODINFO, true),
                Arguments.of("label selector mismatch", null, source("Kustomization", "*", NS, Map.of("aaa", "bbb")), "info", PODINFO, false),
                Arguments.of("label selector, object not found", null, source("Kustomization", "*", NS, Map.of("aaa", "bbb")), "info",
                        NOT_FOUND, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void eventMatchesAlert(String name, String eventSeverity, AlertSpec.EventSource source, String alertSeverity,
            AlertMatching.LabelLookup labels, boolean expected) {
        AlertSpec.Severity severity = "error".equals(alertSeverity) ? AlertSpec.Severity.ERROR : AlertSpec.Severity.INFO;
        assertThat(AlertMatching.matchesSource(event(eventSeverity, ""), severity, source.namespace, source, labels)).isEqualTo(expected);
    }

    private static FluxEvent event(String severity, String message) {
        return new FluxEvent(KUSTOMIZATION, severity, null, message, null, Map.of(), null, null);
    }

    private static AlertSpec spec(String name) {
        AlertSpec spec = new AlertSpec();
        spec.providerRef = new LocalObjectReference("provider-foo");
        spec.eventSources = List.of(source("Kustomization", name, null, null));
        return spec;
    }

    private static AlertSpec.EventSource source(String kind, String name, String namespace, Map<String, String> labels) {
        AlertSpec.EventSource source = new AlertSpec.EventSource();
        source.kind = kind;
        source.name = name;
        source.namespace = namespace;
        source.matchLabels = labels;
        return source;
    }

    private static AlertSpec suspended(AlertSpec spec) {
        spec.suspend = true;
        return spec;
    }

    private static AlertSpec include(AlertSpec spec, String expression) {
        spec.inclusionList = List.of(expression);
        return spec;
    }

    private static AlertSpec exclude(AlertSpec spec, String expression) {
        spec.exclusionList = List.of(expression);
        return spec;
    }

    private static AlertSpec inNamespace(AlertSpec spec, String namespace) {
        spec.eventSources.get(0).namespace = namespace;
        return spec;
    }
}
