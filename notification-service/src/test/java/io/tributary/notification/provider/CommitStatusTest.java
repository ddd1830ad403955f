package io.tributary.notification.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.events.FluxEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ported from fluxcd/notification-controller (HEAD 2e46958a67f3af0e3e755a4fcaf7397d5803725e): internal/notifier/util_test.go
 * (TestUtil_ParseRevision every row, TestUtil_NameAndDescription, the TestUtil_ParseGit* cases) and
 * internal/server/provider_commit_status_test.go's default id ({@code generateDefaultCommitStatus}).
 */
class CommitStatusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "commit, sha1:a1afe267b54f38b46b487f6e938a6fd508278c07, a1afe267b54f38b46b487f6e938a6fd508278c07",
            "branch, master@sha1:a1afe267b54f38b46b487f6e938a6fd508278c07, a1afe267b54f38b46b487f6e938a6fd508278c07",
            "nested branch, environment/dev@sha1:a1afe267b54f38b46b487f6e938a6fd508278c07, a1afe267b54f38b46b487f6e938a6fd508278c07",
            "legacy, master/a1afe267b54f38b46b487f6e938a6fd508278c07, a1afe267b54f38b46b487f6e938a6fd508278c07",
            "legacy (nested branch), environment/dev/a1afe267b54f38b46b487f6e938a6fd508278c07, a1afe267b54f38b46b487f6e938a6fd508278c07"})
    void parseRevision(String name, String revision, String expected) throws Exception {
        assertThat(CommitStatus.commit(revision)).isEqualTo(expected);
    }

    @Test
    void parseRevisionLegacyOneComponent() {
        assertThatThrownBy(() -> CommitStatus.commit("master")).hasMessage("failed to extract commit hash from 'master' revision");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://github.com/foo/bar, https://github.com, foo/bar",
            "https://example.com/foo/bar, https://example.com, foo/bar",
            "https://gitlab.com/foo/bar.git, https://gitlab.com, foo/bar",
            "git@gitlab.com:foo/bar.git, https://gitlab.com, foo/bar",
            "ssh://git@github.com/stefanprodan/podinfo, https://github.com, stefanprodan/podinfo",
            "https://gitlab.com/foo/bar/foo.git, https://gitlab.com, foo/bar/foo"})
    void parseGitAddress(String address, String host, String id) throws Exception {
        assertThat(CommitStatus.parseGitAddress(address)).containsExactly(host, id);
    }

    @Test
    void nameAndDescription() {
        FluxEvent event = new FluxEvent(new FluxEvent.InvolvedObject(null, "Kustomization", "", "gitops-system", null), "info", null, "",
                "ApplySucceeded", Map.of(), null, null);
        assertThat(CommitStatus.description(event)).isEqualTo("apply succeeded");
        assertThat(CommitStatus.splitCamelCase("HTTPServerError42")).containsExactly("HTTP", "Server", "Error", "42");
    }

    @Test
    void defaultIdIsKindNameAndTheFirstUidSegment() {
        FluxEvent event = new FluxEvent(new FluxEvent.InvolvedObject(null, "Kustomization", "ns", "gitops-system", null), "info", null, "",
                "r", Map.of(), null, null);
        assertThat(CommitStatus.defaultId("0c9c2e41-d2f9-4f9b-9c41-2ca5b0e5c7d5", event)).isEqualTo("kustomization/gitops-system/0c9c2e41");
    }
}
