package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.tributary.api.meta.Conditions;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.operator.FailureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceConditionsTest {

    @Test
    void successClearsTheNegativeTypesAndSetsReadyAndArtifactInStorage() {
        List<Condition> conditions = SourceConditions.progressing(List.of(), "building artifact: new generation 2", 2);
        conditions = SourceConditions.failed(conditions, "FetchFailed", "GitOperationFailed", "boom", FailureKind.RETRYABLE, 2);
        assertThat(Conditions.find(conditions, "Reconciling")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("ProgressingWithRetry"));
        assertThat(Conditions.isTrue(conditions, "FetchFailed")).isTrue();
        conditions = SourceConditions.succeeded(conditions, "stored artifact", 2);
        assertThat(conditions).extracting(Condition::getType).containsExactlyInAnyOrder("Ready", "ArtifactInStorage");
        assertThat(conditions).allMatch(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() == 2L);
    }

    @Test
    void aStallingFailureSetsStalledAndARetryableOneDoesNot() {
        assertThat(Conditions.isTrue(SourceConditions.failed(List.of(), "FetchFailed", "URLInvalid", "bad", FailureKind.STALLING, 1), "Stalled")).isTrue();
        assertThat(Conditions.find(SourceConditions.failed(List.of(), "FetchFailed", "GitOperationFailed", "x", FailureKind.RETRYABLE, 1), "Stalled")).isEmpty();
    }

    @Test
    void theFailureKindIsReadBackFromTheConditionsOfTheObservedGeneration() {
        var stalled = SourceConditions.failed(List.of(), "FetchFailed", "URLInvalid", "bad", FailureKind.STALLING, 3);
        var waiting = SourceConditions.failed(List.of(), "FetchFailed", "SourceNotReady", "no artifact yet", FailureKind.WAITING, 3);
        var retrying = SourceConditions.failed(List.of(), "FetchFailed", "GitOperationFailed", "timeout", FailureKind.RETRYABLE, 3);
        assertThat(SourceConditions.failure(stalled, 3L, 3)).contains(FailureKind.STALLING);
        assertThat(SourceConditions.failure(waiting, 3L, 3)).contains(FailureKind.WAITING);
        assertThat(SourceConditions.failure(retrying, 3L, 3)).contains(FailureKind.RETRYABLE);
        assertThat(SourceConditions.failure(stalled, 2L, 3)).isEmpty();
        assertThat(SourceConditions.failure(SourceConditions.succeeded(stalled, "ok", 3), 3L, 3)).isEmpty();
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
