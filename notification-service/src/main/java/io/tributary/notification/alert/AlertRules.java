package io.tributary.notification.alert;

import io.tributary.api.notification.AlertSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What makes an Alert unusable, each problem naming its field; empty when the Alert is valid. */
public final class AlertRules {

    private AlertRules() {
    }

    public static List<String> problems(AlertSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("spec: missing");
            return problems;
        }
        if (spec.providerRef == null || spec.providerRef.name == null || spec.providerRef.name.isBlank()) {
            problems.add("spec.providerRef.name: required");
        }
        if (spec.eventSources == null || spec.eventSources.isEmpty()) {
            problems.add("spec.eventSources: at least one event source is required");
        }
        regexes("spec.inclusionList", spec.inclusionList, problems);
        regexes("spec.exclusionList", spec.exclusionList, problems);
        return problems;
    }

    private static void regexes(String field, List<String> expressions, List<String> problems) {
        if (expressions == null) {
            return;
        }
        for (int i = 0; i < expressions.size(); i++) {
            try {
                Pattern.compile(expressions.get(i));
            } catch (PatternSyntaxException e) {
                problems.add(field + "[" + i + "]: invalid regular expression '" + expressions.get(i) + "': " + e.getDescription());
            }
        }
    }
}
