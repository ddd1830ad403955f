package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.source.GitRepositoryRef;
import io.tributary.fetcher.source.git.GitCheckoutPlan;
import org.junit.jupiter.api.Test;

class GitCheckoutPlanTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    /** A {@code spec.ref} with the given fields; null leaves a field unset. */
    static GitRepositoryRef ref(String branch, String tag, String name, String commit) {
        GitRepositoryRef ref = new GitRepositoryRef();
        ref.branch = branch;
        ref.tag = tag;
        ref.name = name;
        ref.commit = commit;
        return ref;
    }

    @Test
    void defaultsToTheMasterBranch() {
        GitCheckoutPlan plan = GitCheckoutPlan.of(null);
        assertThat(plan.fetchRef()).isEqualTo("refs/heads/master");
        assertThat(plan.revision(SHA)).isEqualTo("master@sha1:" + SHA);
    }

    @Test
    void writesRevisionsAsFluxDoes() {
        assertThat(GitCheckoutPlan.of(ref("main", null, null, null)).revision(SHA)).isEqualTo("main@sha1:" + SHA);
        assertThat(GitCheckoutPlan.of(ref(null, "v1.0.0", null, null)).revision(SHA)).isEqualTo("v1.0.0@sha1:" + SHA);
        assertThat(GitCheckoutPlan.of(ref(null, null, "refs/pull/1/head", null)).revision(SHA)).isEqualTo("refs/pull/1/head@sha1:" + SHA);
        assertThat(GitCheckoutPlan.of(ref(null, null, null, SHA)).revision(SHA)).isEqualTo("sha1:" + SHA);
        assertThat(GitCheckoutPlan.of(ref("dev", null, null, SHA)).revision(SHA)).isEqualTo("dev@sha1:" + SHA);
    }

    @Test
    void followsFluxPrecedence() {
        GitCheckoutPlan commit = GitCheckoutPlan.of(ref("main", "v1", "refs/pull/1/head", SHA));
        assertThat(commit.commit()).isEqualTo(SHA);
        assertThat(commit.fetchRef()).isEqualTo("refs/heads/main");
        assertThat(commit.shallow()).isFalse();
        assertThat(GitCheckoutPlan.of(ref("main", "v1", "refs/pull/1/head", null)).fetchRef()).isEqualTo("refs/pull/1/head");
        assertThat(GitCheckoutPlan.of(ref("main", "v1", null, null)).fetchRef()).isEqualTo("refs/tags/v1");
        assertThat(GitCheckoutPlan.of(ref(null, null, null, SHA)).fetchRef()).isNull();
    }

    @Test
    void semverSelectsTagsAndRanksAboveTagButBelowName() {
        GitRepositoryRef ref = ref("main", "v1", null, null);
        ref.semver = ">=1.0.0 <2.0.0";
        GitCheckoutPlan plan = GitCheckoutPlan.of(ref);
        assertThat(plan.semver()).isNotNull();
        assertThat(plan.fetchRef()).isNull();
        assertThat(plan.forTag("v1.4.0").revision("abc")).isEqualTo("v1.4.0@sha1:abc");
        ref.name = "refs/pull/1/head";
        assertThat(GitCheckoutPlan.of(ref).semver()).isNull();
    }

    @Test
    void badReferencesAreRefusedNamingTheField() {
        GitRepositoryRef semver = new GitRepositoryRef();
        semver.semver = ">= one";
        assertThatThrownBy(() -> GitCheckoutPlan.of(semver)).hasMessageStartingWith("spec.ref.semver: improper constraint");
        assertThatThrownBy(() -> GitCheckoutPlan.of(ref(null, null, null, "abc123")))
                .hasMessageStartingWith("spec.ref.commit: 'abc123' is not a full");
        assertThatThrownBy(() -> GitCheckoutPlan.of(ref(null, null, "pull/1/head", null)))
                .hasMessageStartingWith("spec.ref.name: 'pull/1/head' is not a full reference");
    }
}
