package io.tributary.notification.alert;

import io.tributary.api.notification.AlertSpec;
import io.tributary.events.FluxEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether an Alert forwards an event, as Flux's event handler decides it: not suspended, one event source matches
 * (namespace defaulting to the Alert's, kind, severity, name or {@code *}, matchLabels), the message matches an
 * inclusion expression when there are any, and no exclusion expression. An expression that does not compile matches
 * nothing (so a bad inclusion list drops every event, a bad exclusion entry excludes none).
 */
public final class AlertMatching {

    /** Labels of the involved object, empty when it cannot be read. */
    public interface LabelLookup extends Function<FluxEvent.InvolvedObject, Optional<Map<String, String>>> {
    }

    private AlertMatching() {
    }

    public static boolean matches(String alertNamespace, AlertSpec spec, FluxEvent event, LabelLookup labels) {
        if (Boolean.TRUE.equals(spec.suspend)) {
            return false;
        }
        return matchesSources(alertNamespace, spec, event, labels)
                && included(event.message(), spec.inclusionList)
                && !excluded(event.message(), spec.exclusionList);
    }

    static boolean matchesSources(String alertNamespace, AlertSpec spec, FluxEvent event, LabelLookup labels) {
        if (spec.eventSources == null) {
            return false;
        }
        for (AlertSpec.EventSource source : spec.eventSources) {
            String namespace = source.namespace == null || source.namespace.isEmpty() ? alertNamespace : source.namespace;
            if (matchesSource(event, severityOf(spec), namespace, source, labels)) {
                return true;
            }
        }
        return false;
    }

    /** One event source; {@code namespace} is the source's, already defaulted. */
    static boolean matchesSource(FluxEvent event, AlertSpec.Severity alertSeverity, String namespace, AlertSpec.EventSource source,
            LabelLookup labels) {
        FluxEvent.InvolvedObject object = event.involvedObject();
        if (!namespace.equals(object.namespace()) || !source.kind.equals(object.kind())) {
            return false;
        }
        if (alertSeverity == AlertSpec.Severity.ERROR && !FluxEvent.ERROR.equals(event.severity())) {
            return false;
        }
        if (!"*".equals(source.name) && !source.name.equals(object.name())) {
            return false;
        }
        if (source.matchLabels == null) {
            return true;
        }
        return labels.apply(object)
                .map(actual -> source.matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey()))))
                .orElse(false);
    }

    static boolean included(String message, List<String> inclusionList) {
        if (inclusionList == null || inclusionList.isEmpty()) {
            return true;
        }
        return inclusionList.stream().anyMatch(expression -> find(expression, message));
    }

    static boolean excluded(String message, List<String> exclusionList) {
        if (exclusionList == null || exclusionList.isEmpty()) {
            return false;
        }
        return exclusionList.stream().anyMatch(expression -> find(expression, message));
    }

    private static AlertSpec.Severity severityOf(AlertSpec spec) {
        return spec.eventSeverity == null ? AlertSpec.Severity.INFO : spec.eventSeverity;
    }

    /** Go's {@code regexp.Match}: the expression matches anywhere in the message. */
    private static boolean find(String expression, String message) {
        try {
            return Pattern.compile(expression).matcher(message == null ? "" : message).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
