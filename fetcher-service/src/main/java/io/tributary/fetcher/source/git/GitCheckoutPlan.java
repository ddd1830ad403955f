package io.tributary.fetcher.source.git;

import io.tributary.api.source.GitRepositoryRef;
import io.tributary.semver.Constraint;

/**
 * What to fetch for a {@code spec.ref} and how to name the revision. Precedence, as in Flux:
 * commit &gt; name &gt; semver &gt; tag &gt; branch; default branch {@code master}.
 *
 * @param fetchRef the remote ref to fetch, or null to fetch all branches (a bare commit) or all tags (semver)
 * @param shallow whether a depth-1 fetch is enough
 * @param commit the commit to check out, when pinned
 * @param revisionPrefix what comes before {@code @sha1:} in the revision, or null for a bare {@code sha1:}
 * @param semver the tag constraint, when tags are selected by version
 */
public record GitCheckoutPlan(String fetchRef, boolean shallow, String commit, String revisionPrefix, Constraint semver) {

    public static final String DEFAULT_BRANCH = "master";

    public static GitCheckoutPlan of(GitRepositoryRef ref) {
        if (ref == null) {
            return branch(DEFAULT_BRANCH);
        }
        if (notBlank(ref.commit)) {
            if (!ref.commit.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("spec.ref.commit: '" + ref.commit + "' is not a full 40-character lower-case SHA-1");
            }
            if (notBlank(ref.branch)) {
                return new GitCheckoutPlan("refs/heads/" + ref.branch, false, ref.commit, ref.branch, null);
            }
            return new GitCheckoutPlan(null, false, ref.commit, null, null);
        }
        if (notBlank(ref.name)) {
            if (!ref.name.startsWith("refs/") || ref.name.contains("..") || ref.name.endsWith("/")) {
                throw new IllegalArgumentException("spec.ref.name: '" + ref.name + "' is not a full reference such as 'refs/heads/main'");
            }
            return new GitCheckoutPlan(ref.name, true, null, ref.name, null);
        }
        if (notBlank(ref.semver)) {
            try {
                return new GitCheckoutPlan(null, true, null, null, Constraint.parse(ref.semver));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("spec.ref.semver: " + invalid.getMessage());
            }
        }
        if (notBlank(ref.tag)) {
            return new GitCheckoutPlan("refs/tags/" + ref.tag, true, null, ref.tag, null);
        }
        return branch(notBlank(ref.branch) ? ref.branch : DEFAULT_BRANCH);
    }

    private static GitCheckoutPlan branch(String branch) {
        return new GitCheckoutPlan("refs/heads/" + branch, true, null, branch, null);
    }

    /** The Flux revision string for the checked-out commit. */
    public String revision(String commitHex) {
        return revisionPrefix == null ? "sha1:" + commitHex : revisionPrefix + "@sha1:" + commitHex;
    }

    /** The revision for a tag picked by {@link #semver}. */
    public GitCheckoutPlan forTag(String tag) {
        return new GitCheckoutPlan("refs/tags/" + tag, true, null, tag, semver);
    }

    /** Whether a listing of the remote refs is enough to know the revision (branch, tag, name). */
    public boolean resolvableRemotely() {
        return fetchRef != null && commit == null && semver == null;
    }

    /** Whether the plan checks out a tag (for Tag verification). */
    public boolean isTag() {
        return semver != null || (fetchRef != null && fetchRef.startsWith("refs/tags/"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
