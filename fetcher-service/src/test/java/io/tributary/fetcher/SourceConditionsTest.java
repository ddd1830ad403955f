package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Conditions;
import io.tributary.fetcher.status.SourceConditions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceConditionsTest {

    @Test
    void successClearsTheNegativeTypesAndSetsReadyAndArtifactInStorage() {
        List<Condition> conditions = SourceConditions.progressing(List.of(), "building artifact: new generation 2", 2);
        conditions = SourceConditions.failed(conditions, "FetchFailed", "GitOperationFailed", "boom", false, 2);
        assertThat(Conditions.find(conditions, "Reconciling")).isEmpty();
        assertThat(Conditions.isTrue(conditions, "FetchFailed")).isTrue();
        conditions = SourceConditions.succeeded(conditions, "stored artifact", 2);
        assertThat(conditions).extracting(Condition::getType).containsExactlyInAnyOrder("Ready", "ArtifactInStorage");
        assertThat(conditions).allMatch(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() == 2L);
    }

    @Test
    void aStallingFailureSetsStalledAndARetryableOneDoesNot() {
        assertThat(Conditions.isTrue(SourceConditions.failed(List.of(), "FetchFailed", "URLInvalid", "bad", true, 1), "Stalled")).isTrue();
        assertThat(Conditions.find(SourceConditions.failed(List.of(), "FetchFailed", "GitOperationFailed", "x", false, 1), "Stalled")).isEmpty();
    }

    @Test
    void theTransitionTimeChangesOnlyWhenTheStatusChanges() {
        Condition old = new Condition("2020-01-01T00:00:00Z", "m", 1L, "Succeeded", "True", "Ready");
        List<Condition> same = Conditions.set(List.of(old), "Ready", true, "Succeeded", "new message", 2L);
        assertThat(same.get(0).getLastTransitionTime()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(same.get(0).getMessage()).isEqualTo("new message");
        List<Condition> flipped = Conditions.set(List.of(old), "Ready", false, "GitOperationFailed", "x", 2L);
        assertThat(flipped.get(0).getLastTransitionTime()).isNotEqualTo("2020-01-01T00:00:00Z");
        assertThat(flipped).hasSize(1);
    }
}
