package io.tributary.fetcher.source.git;

import io.tributary.api.source.GitRepositoryRef;

/**
 * What to fetch for a {@code spec.ref} and how to name the revision. Precedence, as in Flux:
 * commit &gt; name &gt; semver &gt; tag &gt; branch; default branch {@code master}.
 *
 * @param fetchRef the remote ref to fetch, or null to fetch all branches (a bare commit)
 * @param shallow whether a depth-1 fetch is enough
 * @param commit the commit to check out, when pinned
 * @param revisionPrefix what comes before {@code @sha1:} in the revision, or null for a bare {@code sha1:}
 */
public record GitCheckoutPlan(String fetchRef, boolean shallow, String commit, String revisionPrefix) {

    public static final String DEFAULT_BRANCH = "master";

    public static GitCheckoutPlan of(GitRepositoryRef ref) {
        if (ref == null) {
            return branch(DEFAULT_BRANCH);
        }
        if (notBlank(ref.commit)) {
            if (notBlank(ref.branch)) {
                return new GitCheckoutPlan("refs/heads/" + ref.branch, false, ref.commit, ref.branch);
            }
            return new GitCheckoutPlan(null, false, ref.commit, null);
        }
        if (notBlank(ref.name)) {
            return new GitCheckoutPlan(ref.name, true, null, ref.name);
        }
        if (notBlank(ref.semver)) {
            throw new IllegalArgumentException("spec.ref.semver: semver tag selection is not supported yet");
        }
        if (notBlank(ref.tag)) {
            return new GitCheckoutPlan("refs/tags/" + ref.tag, true, null, ref.tag);
        }
        return branch(notBlank(ref.branch) ? ref.branch : DEFAULT_BRANCH);
    }

    private static GitCheckoutPlan branch(String branch) {
        return new GitCheckoutPlan("refs/heads/" + branch, true, null, branch);
    }

    /** The Flux revision string for the checked-out commit. */
    public String revision(String commitHex) {
        return revisionPrefix == null ? "sha1:" + commitHex : revisionPrefix + "@sha1:" + commitHex;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
