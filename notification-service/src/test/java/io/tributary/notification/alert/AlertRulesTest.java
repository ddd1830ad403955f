package io.tributary.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.notification.AlertSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    @Test
    void aValidAlertHasNoProblems() {
        assertThat(AlertRules.problems(valid())).isEmpty();
    }

    @Test
    void eachBadRegexIsNamedByFieldAndIndex() {
        AlertSpec spec = valid();
        spec.inclusionList = List.of("ok.*", "[");
        spec.exclusionList = List.of("(unclosed");
        assertThat(AlertRules.problems(spec)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("spec.inclusionList[1]: invalid regular expression '['"))
                .anySatisfy(p -> assertThat(p).startsWith("spec.exclusionList[0]: invalid regular expression '(unclosed'"));
    }

    @Test
    void missingProviderAndSourcesAreNamed() {
        AlertSpec spec = new AlertSpec();
        assertThat(AlertRules.problems(spec)).containsExactly("spec.providerRef.name: required",
                "spec.eventSources: at least one event source is required");
    }

    private static AlertSpec valid() {
        AlertSpec spec = new AlertSpec();
        spec.providerRef = new LocalObjectReference("p");
        AlertSpec.EventSource source = new AlertSpec.EventSource();
        source.kind = "GitRepository";
        source.name = "*";
        spec.eventSources = List.of(source);
        return spec;
    }
}
