package io.tributary.fetcher.source.git;

import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.status.Sanitizer;
import io.tributary.semver.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Fetches exactly what a {@link GitCheckoutPlan} needs into a fresh directory and checks it out. */
public final class GitCloner {

    /** The checked-out commit and its Flux revision string. */
    public record Checkout(String commit, String revision, String message) {
    }

    /** Checks what was fetched before anything is checked out; {@code tag} is null unless a tag was fetched. */
    @FunctionalInterface
    public interface Verifier {
        void verify(Repository repository, RevCommit commit, RevTag tag) throws FetchFailure;
    }

    /** What shapes the checkout besides the ref. */
    public record Options(boolean recurseSubmodules, List<String> sparseCheckout, Verifier verifier) {
        public static final Options DEFAULT = new Options(false, List.of(), (r, c, t) -> { });
    }

    public Checkout checkout(String url, GitCheckoutPlan plan, GitTransport transport, Duration timeout, Path dir, Options options)
            throws FetchFailure {
        String remote = GitUrls.withDefaultUser(url);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("tributary-checkout").call()) {
            int seconds = (int) Math.max(1, timeout.toSeconds());
            FetchCommand fetch = git.fetch()
                    .setRemote(remote)
                    .setTimeout(seconds)
                    .setTransportConfigCallback(transport)
                    .setTagOpt(TagOpt.NO_TAGS);
            if (plan.semver() != null) {
                fetch.setRefSpecs(new RefSpec("+refs/tags/*:refs/tags/*"));
            } else if (plan.fetchRef() == null) {
                fetch.setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"));
            } else {
                fetch.setRefSpecs(new RefSpec("+" + plan.fetchRef() + ":refs/tributary/fetched"));
            }
            if (plan.shallow()) {
                fetch.setDepth(1);
            }
            FetchResult result = fetch.call();
            GitCheckoutPlan resolved = plan.semver() != null ? pickTag(git.getRepository(), plan) : plan;
            ObjectId target = resolveTarget(git, resolved, result);
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                RevObject object = walk.parseAny(target);
                RevTag tag = object instanceof RevTag t ? t : null;
                RevCommit commit = walk.parseCommit(target);
                options.verifier().verify(git.getRepository(), commit, tag);
                checkoutTree(git, commit, options.sparseCheckout());
                if (options.recurseSubmodules()) {
                    git.submoduleInit().call();
                    git.submoduleUpdate().setTransportConfigCallback(transport).setFetch(true).call();
                }
                return new Checkout(commit.name(), resolved.revision(commit.name()), commit.getShortMessage());
            }
        } catch (TransportException e) {
            if (String.valueOf(e.getMessage()).contains("Remote does not have") && plan.fetchRef() != null) {
                throw missingRef(remote, plan, transport, timeout, e);
            }
            throw transportFailure(e, timeout);
        } catch (MissingObjectException e) {
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "commit '" + plan.commit() + "' not found in the fetched history", e);
        } catch (GitAPIException | IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED,
                    "failed to checkout and determine revision: " + Sanitizer.sanitize(e.getMessage()), e);
        }
    }

    /**
     * The revision the remote has now for a branch, tag or name plan, listing refs only (no clone); null when the
     * ref does not exist.
     */
    public String remoteRevision(String url, GitCheckoutPlan plan, GitTransport transport, Duration timeout) throws FetchFailure {
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(GitUrls.withDefaultUser(url))
                    .setTimeout((int) Math.max(1, timeout.toSeconds()))
                    .setTransportConfigCallback(transport)
                    .setHeads(false).setTags(false).call();
            for (Ref ref : refs) {
                if (ref.getName().equals(plan.fetchRef())) {
                    ObjectId peeled = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                    return plan.revision(peeled.name());
                }
            }
            return null;
        } catch (TransportException e) {
            throw transportFailure(e, timeout);
        } catch (GitAPIException e) {
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "failed to list remote refs: " + Sanitizer.sanitize(e.getMessage()), e);
        }
    }

    /** Names the missing ref and what the remote has instead (nothing at all: an empty repository). */
    private static FetchFailure missingRef(String remote, GitCheckoutPlan plan, GitTransport transport, Duration timeout, Exception cause) {
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(remote).setTimeout((int) Math.max(1, timeout.toSeconds()))
                    .setTransportConfigCallback(transport).call();
            if (refs.isEmpty()) {
                return new FetchFailure(Reasons.GIT_OPERATION_FAILED, "remote has no ref '" + plan.fetchRef() + "': the repository is empty", cause);
            }
            List<String> branches = refs.stream().map(Ref::getName).filter(r -> r.startsWith(Constants.R_HEADS))
                    .map(r -> r.substring(Constants.R_HEADS.length())).sorted().limit(10).toList();
            return new FetchFailure(Reasons.GIT_OPERATION_FAILED, "remote has no ref '" + plan.fetchRef() + "' (branches: " + branches + ")", cause);
        } catch (GitAPIException e) {
            return new FetchFailure(Reasons.GIT_OPERATION_FAILED, "remote has no ref '" + plan.fetchRef() + "'", cause);
        }
    }

    /** An HTTP 401, 403 or 407 status in a message: a number of its own, not part of a port or an address. */
    static final java.util.regex.Pattern HTTP_AUTH_STATUS = java.util.regex.Pattern.compile("(?<![0-9.:])(401|403|407)(?![0-9])");

    private static FetchFailure transportFailure(TransportException e, Duration timeout) {
        String message = Sanitizer.sanitize(withTlsCause(e));
        if (message != null && (message.contains("time out") || message.contains("timed out") || message.contains("Read timed out"))) {
            return new FetchFailure(Reasons.GIT_OPERATION_FAILED, "git operation timed out after " + timeout.toSeconds()
                    + "s (spec.timeout): " + message, e);
        }
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        boolean auth = lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || HTTP_AUTH_STATUS.matcher(lower).find() || lower.contains("no more authentication")
                || lower.contains("server key") || lower.contains("host key") || lower.contains("certification path")
                || lower.contains("certificate") || lower.contains("handshake") || lower.contains("pkix")
                || lower.contains("ssl problems") || lower.contains("cannot log in");
        return new FetchFailure(auth ? Reasons.AUTHENTICATION_FAILED : Reasons.GIT_OPERATION_FAILED,
                "failed to checkout and determine revision: " + message, e);
    }

    /** JGit's message, followed by what the TLS layer said when that is where it failed ("SSL problems" alone names nothing). */
    private static String withTlsCause(TransportException e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException tls && tls.getMessage() != null) {
                return message == null ? tls.getMessage() : message + ": " + tls.getMessage();
            }
        }
        return message;
    }

    /** The highest tag version the constraint allows; equal versions go to the newest commit. */
    private static GitCheckoutPlan pickTag(Repository repository, GitCheckoutPlan plan) throws IOException, FetchFailure {
        String best = null;
        Version bestVersion = null;
        int bestTime = 0;
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String tag = ref.getName().substring(Constants.R_TAGS.length());
                Version version = Version.tryParse(tag);
                if (version == null || !plan.semver().matches(version)) {
                    continue;
                }
                int time = walk.parseCommit(ref.getObjectId()).getCommitTime();
                int order = bestVersion == null ? 1 : version.compareTo(bestVersion);
                if (order > 0 || (order == 0 && time > bestTime)) {
                    best = tag;
                    bestVersion = version;
                    bestTime = time;
                }
            }
        }
        if (best == null) {
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "no tag matches semver constraint '" + plan.semver() + "'", false);
        }
        return plan.forTag(best);
    }

    private static void checkoutTree(Git git, RevCommit commit, List<String> sparse) throws GitAPIException, IOException, FetchFailure {
        if (sparse == null || sparse.isEmpty()) {
            git.checkout().setName(commit.name()).call();
            return;
        }
        List<String> paths = sparse.stream().map(p -> p.replaceAll("^\\./", "").replaceAll("/+$", "")).filter(p -> !p.isEmpty()).toList();
        for (String path : paths) {
            if (path.contains("..") || path.startsWith("/")) {
                throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "spec.sparseCheckout: '" + path + "' is not a relative directory", true);
            }
            try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
                if (walk == null) {
                    throw new FetchFailure(Reasons.GIT_OPERATION_FAILED,
                            "spec.sparseCheckout: path '" + path + "' does not exist in commit '" + commit.name() + "'", false);
                }
            }
        }
        if (paths.isEmpty()) {
            git.checkout().setName(commit.name()).call();
            return;
        }
        var checkout = git.checkout().setStartPoint(commit);
        paths.forEach(checkout::addPath);
        checkout.call();
    }

    private static ObjectId resolveTarget(Git git, GitCheckoutPlan plan, FetchResult result) throws FetchFailure, IOException {
        if (plan.commit() != null) {
            return ObjectId.fromString(plan.commit());
        }
        String local = plan.semver() != null ? plan.fetchRef() : "refs/tributary/fetched";
        Ref fetched = git.getRepository().exactRef(local);
        if (fetched == null) {
            if (result.getAdvertisedRefs().isEmpty()) {
                throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "remote has no ref '" + plan.fetchRef() + "': the repository is empty", false);
            }
            List<String> branches = result.getAdvertisedRefs().stream().map(Ref::getName)
                    .filter(r -> r.startsWith(Constants.R_HEADS)).sorted().limit(10).toList();
            throw new FetchFailure(Reasons.GIT_OPERATION_FAILED, "remote has no ref '" + plan.fetchRef() + "' (branches: " + branches + ")", false);
        }
        return fetched.getObjectId();
    }
}
