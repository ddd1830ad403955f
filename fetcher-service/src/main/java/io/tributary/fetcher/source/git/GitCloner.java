package io.tributary.fetcher.source.git;

import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.status.Sanitizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;

/** Fetches exactly what a {@link GitCheckoutPlan} needs into a fresh directory and checks it out. */
public final class GitCloner {

    /** The checked-out commit and its Flux revision string. */
    public record Checkout(String commit, String revision, String message) {
    }

    public Checkout checkout(String url, GitCheckoutPlan plan, GitCredentials credentials, Duration timeout, Path dir)
            throws FetchFailure {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("tributary-checkout").call()) {
            FetchCommand fetch = git.fetch()
                    .setRemote(url)
                    .setTimeout((int) Math.max(1, timeout.toSeconds()))
                    .setCredentialsProvider(credentials.provider())
                    .setTagOpt(org.eclipse.jgit.transport.TagOpt.NO_TAGS);
            if (plan.fetchRef() == null) {
                fetch.setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"));
            } else {
                fetch.setRefSpecs(new RefSpec("+" + plan.fetchRef() + ":refs/tributary/fetched"));
            }
            if (plan.shallow()) {
                fetch.setDepth(1);
            }
            FetchResult result = fetch.call();
            ObjectId target = resolveTarget(git, plan, result);
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit commit = walk.parseCommit(target);
                git.checkout().setName(commit.name()).call();
                return new Checkout(commit.name(), plan.revision(commit.name()), commit.getShortMessage());
            }
        } catch (TransportException e) {
            String message = Sanitizer.sanitize(e.getMessage());
            String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
            boolean auth = lower.contains("not authorized") || lower.contains("authentication")
                    || lower.contains("401") || lower.contains("403");
            throw new FetchFailure(auth ? Reasons.AUTHENTICATION_FAILED : Reasons.GIT_OPERATION_FAILED,
                    "failed to checkout and determine revision: " + message, e);
        } catch (MissingObjectException e) {
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "commit '" + plan.commit() + "' not found in the fetched history", e);
        } catch (GitAPIException | java.io.IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED,
                    "failed to checkout and determine revision: " + Sanitizer.sanitize(e.getMessage()), e);
        }
    }

    private static ObjectId resolveTarget(Git git, GitCheckoutPlan plan, FetchResult result) throws FetchFailure, java.io.IOException {
        if (plan.commit() != null) {
            try {
                return ObjectId.fromString(plan.commit());
            } catch (IllegalArgumentException e) {
                throw new FetchFailure(Reasons.GIT_OPERATION_FAILED,
                        "spec.ref.commit: '" + plan.commit() + "' is not a full 40-character SHA-1", true);
            }
        }
        Ref fetched = git.getRepository().exactRef("refs/tributary/fetched");
        if (fetched == null) {
            List<String> branches = result.getAdvertisedRefs().stream().map(Ref::getName)
                    .filter(r -> r.startsWith(Constants.R_HEADS)).sorted().limit(10).toList();
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "remote has no ref '" + plan.fetchRef() + "' (branches: " + branches + ")", false);
        }
        return fetched.getObjectId();
    }
}
