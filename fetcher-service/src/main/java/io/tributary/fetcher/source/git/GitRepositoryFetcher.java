package io.tributary.fetcher.source.git;

import io.tributary.fetcher.source.SpecRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositoryInclude;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.api.source.GitRepositoryStatus;
import io.tributary.api.source.GitRepositoryVerification;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.ArtifactStatus;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SourceFetch;
import io.tributary.fetcher.source.Workspace;
import io.tributary.fetcher.source.helm.ChartTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The fetch worker's GitRepository steps: validate, credentials, no-change check, checkout, verify, include, package, status. */
@ApplicationScoped
public class GitRepositoryFetcher {

    /** The spec rules the scheduler and this worker both check. */
    public static final SpecRules<GitRepository> RULES = new SpecRules<>(repo -> {
        Duration interval = Durations.parse("spec.interval", repo.getSpec().interval);
        plan(repo.getSpec());
        return interval;
    }, ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID);

    private static final Logger LOG = Logger.getLogger(GitRepositoryFetcher.class);

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceFetch sources;
    @Inject
    ObjectMapper mapper;

    private final GitCloner cloner = new GitCloner();

    public void fetch(FetchRequested request) throws InterruptedException {
        Optional<GitRepository> repo = sources.load(GitRepository.class, request, r -> Boolean.TRUE.equals(r.getSpec().suspend));
        if (repo.isPresent()) {
            sources.run(repo.get(), request, GitRepositoryStatus::new, RULES, this::fetch, GitRepositoryFetcher::classify);
        }
    }

    private SourceFetch.Done fetch(GitRepository repo, GitRepositoryStatus status, long generation, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        Outcome outcome = reconcile(repo, status, workspace);
        GitRepositorySpec spec = repo.getSpec();
        status.observedIgnore = spec.ignore;
        status.observedRecurseSubmodules = spec.recurseSubmodules;
        status.observedInclude = spec.include;
        status.observedSparseCheckout = spec.sparseCheckout;
        status.includedArtifacts = outcome.included().isEmpty() ? null : outcome.included();
        status.sourceVerificationMode = spec.verify == null ? null : GitVerification.mode(spec.verify).wire;
        if (outcome.stored() != null) {
            status.artifact = ArtifactStatus.from(outcome.stored());
        }
        status.conditions = outcome.verified() == null ? Conditions.remove(status.conditions, ConditionTypes.SOURCE_VERIFIED)
                : Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, true, Reasons.SUCCEEDED, outcome.verified(), generation);
        return new SourceFetch.Done(outcome.message(), Reasons.NEW_ARTIFACT, "stored artifact for commit '" + outcome.commitMessage() + "'");
    }

    /** A failed signature check sets SourceVerified=False; an unavailable include sets IncludeUnavailable. */
    static SourceFetch.Failed classify(Exception failure, GitRepositoryStatus status, long generation) {
        if (failure instanceof GitVerification.Failure verification) {
            status.conditions = Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, false, verification.reason(),
                    io.tributary.fetcher.status.Sanitizer.sanitize(verification.getMessage()), generation);
            return new SourceFetch.Failed(null, verification.reason(), verification.getMessage(), false);
        }
        if (failure instanceof IncludeFailure include) {
            return new SourceFetch.Failed(ConditionTypes.INCLUDE_UNAVAILABLE, include.reason(), include.getMessage(), include.kind());
        }
        return null;
    }

    /** The result of one reconcile: a new artifact, or null when the stored one is up to date. */
    record Outcome(ArtifactInfo stored, String message, String commitMessage, String verified, List<Artifact> included) {
    }

    /** An included GitRepository has no artifact: IncludeUnavailable, retried. */
    static final class IncludeFailure extends FetchFailure {
        IncludeFailure(String message) {
            super("IncludeUnavailable", message, io.tributary.operator.FailureKind.WAITING);
        }
    }

    private Outcome reconcile(GitRepository repo, GitRepositoryStatus status, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        GitRepositorySpec spec = repo.getSpec();
        String namespace = repo.getMetadata().getNamespace();
        GitCheckoutPlan plan = plan(spec);
        Duration timeout = Durations.parseOr("spec.timeout", spec.timeout, Duration.ofSeconds(60));
        GitAuth auth = auth(repo);
        SignatureVerifier verifier = verifier(repo, plan);
        List<Included> includes = includes(repo);
        List<Artifact> included = includes.stream().map(Included::artifact).toList();
        try (GitTransport transport = new GitTransport(auth, Files.createDirectories(workspace.dir().resolve("home")))) {
            if (plan.resolvableRemotely() && status.artifact != null && contentUnchanged(spec, status, included)
                    && artifacts.exists(status.artifact.url)) {
                String remote = cloner.remoteRevision(spec.url, plan, transport, timeout);
                if (status.artifact.revision.equals(remote)) {
                    LOG.debugf("GitRepository %s/%s: no changes since '%s', skipping the clone", namespace, repo.getMetadata().getName(), remote);
                    String verified = verifier == null ? null : Conditions.find(status.conditions, ConditionTypes.SOURCE_VERIFIED)
                            .map(c -> c.getMessage()).orElse("verified");
                    return new Outcome(null, "stored artifact for revision '" + remote + "'", null, verified, included);
                }
            }
            Path tree = workspace.dir().resolve("tree");
            String[] verified = new String[1];
            GitCloner.Options options = new GitCloner.Options(Boolean.TRUE.equals(spec.recurseSubmodules),
                    spec.sparseCheckout == null ? List.of() : spec.sparseCheckout,
                    verifier == null ? GitCloner.Options.DEFAULT.verifier() : (repository, commit, tag) -> verified[0] = GitVerification.verify(
                            verifier, GitVerification.mode(spec.verify), commit, tag));
            GitCloner.Checkout checkout = cloner.checkout(spec.url, plan, transport, timeout, tree, options);
            for (Included include : includes) {
                copyInclude(include, workspace, tree);
            }
            IgnoreRules ignore = IgnoreRules.read(tree, spec.ignore);
            ArtifactInfo stored = artifacts.upload(GitRepository.KIND, namespace, repo.getMetadata().getName(),
                    checkout.commit() + ".tar.gz", checkout.revision(), out -> TreeTar.write(tree, "", ignore::excluded, TreeTar.Walk.TEST_EVERY_PATH, out));
            return new Outcome(stored, "stored artifact for revision '" + checkout.revision() + "'", checkout.message(), verified[0], included);
        }
    }

    /** Whether nothing but the revision could change the artifact: ignore, include, submodules, sparse checkout, verification. */
    private boolean contentUnchanged(GitRepositorySpec spec, GitRepositoryStatus status, List<Artifact> included) {
        String mode = spec.verify == null ? null : GitVerification.mode(spec.verify).wire;
        return Objects.equals(spec.ignore, status.observedIgnore)
                && Objects.equals(Boolean.TRUE.equals(spec.recurseSubmodules), Boolean.TRUE.equals(status.observedRecurseSubmodules))
                && sameJson(spec.include, status.observedInclude)
                && sameJson(spec.sparseCheckout, status.observedSparseCheckout)
                && Objects.equals(mode, status.sourceVerificationMode)
                && (mode == null || Conditions.isTrue(status.conditions, ConditionTypes.SOURCE_VERIFIED))
                && sameJson(included.stream().map(a -> a.digest).toList(),
                        status.includedArtifacts == null ? List.of() : status.includedArtifacts.stream().map(a -> a.digest).toList());
    }

    private boolean sameJson(Object a, Object b) {
        boolean emptyA = a == null || (a instanceof List<?> l && l.isEmpty());
        boolean emptyB = b == null || (b instanceof List<?> l && l.isEmpty());
        if (emptyA || emptyB) {
            return emptyA == emptyB;
        }
        return mapper.valueToTree(a).equals(mapper.valueToTree(b));
    }

    static GitCheckoutPlan plan(GitRepositorySpec spec) {
        GitUrls.validate(spec.url);
        SpecRules.checkIgnore(spec.ignore);
        GitCheckoutPlan plan = GitCheckoutPlan.of(spec.ref);
        if (spec.verify != null && GitVerification.mode(spec.verify).tag && !plan.isTag()) {
            throw new IllegalArgumentException("spec.verify.mode: '" + GitVerification.mode(spec.verify).wire
                    + "' needs spec.ref.tag or spec.ref.semver, the reference is not a tag");
        }
        if (spec.include != null) {
            for (GitRepositoryInclude include : spec.include) {
                if (include.repository == null || include.repository.name == null || include.repository.name.isBlank()) {
                    throw new IllegalArgumentException("spec.include[].repository.name: must not be empty");
                }
                for (String path : new String[] {include.fromPath, include.toPath}) {
                    if (path != null && (path.startsWith("/") || List.of(path.split("/")).contains(".."))) {
                        throw new IllegalArgumentException("spec.include[]: path '" + path + "' must stay inside the artifact");
                    }
                }
            }
        }
        return plan;
    }

    private GitAuth auth(GitRepository repo) throws FetchFailure {
        String namespace = repo.getMetadata().getNamespace();
        GitRepositorySpec spec = repo.getSpec();
        String secretName = spec.secretRef == null ? null : spec.secretRef.name;
        GitAuth auth = GitSecrets.resolve(spec.url, namespace, secretName, secretName == null ? null : secret(namespace, secretName));
        if (spec.proxySecretRef != null && spec.proxySecretRef.name != null) {
            if (spec.url.startsWith("ssh://")) {
                throw new FetchFailure(Reasons.URL_INVALID, "spec.proxySecretRef: an HTTP proxy cannot carry an ssh:// URL", true);
            }
            auth = auth.withProxy(GitSecrets.proxy(namespace, spec.proxySecretRef.name, secret(namespace, spec.proxySecretRef.name)));
        }
        return auth;
    }

    private SignatureVerifier verifier(GitRepository repo, GitCheckoutPlan plan) throws FetchFailure {
        GitRepositoryVerification verify = repo.getSpec().verify;
        if (verify == null) {
            return null;
        }
        String namespace = repo.getMetadata().getNamespace();
        if (verify.secretRef == null || verify.secretRef.name == null) {
            throw new GitVerification.Failure("VerificationError", "spec.verify.secretRef: must name a secret with public keys");
        }
        Secret secret = secret(namespace, verify.secretRef.name);
        String where = "verification secret '" + namespace + "/" + verify.secretRef.name + "'";
        if (secret == null) {
            throw new GitVerification.Failure("VerificationError", where + " not found");
        }
        try {
            return new SignatureVerifier(GitSecrets.data(secret));
        } catch (IllegalArgumentException invalid) {
            throw new GitVerification.Failure("VerificationError", where + ": " + invalid.getMessage());
        }
    }

    /** An include with the artifact it copies in. */
    record Included(GitRepositoryInclude include, Artifact artifact) {
    }

    private List<Included> includes(GitRepository repo) throws FetchFailure {
        List<GitRepositoryInclude> includes = repo.getSpec().include;
        if (includes == null || includes.isEmpty()) {
            return List.of();
        }
        String namespace = repo.getMetadata().getNamespace();
        List<Included> resolved = new ArrayList<>();
        for (GitRepositoryInclude include : includes) {
            String name = include.repository.name;
            GitRepository other = client.resources(GitRepository.class).inNamespace(namespace).withName(name).get();
            if (other == null) {
                throw new IncludeFailure("included GitRepository '" + namespace + "/" + name + "' not found");
            }
            if (other.getStatus() == null || other.getStatus().artifact == null) {
                throw new IncludeFailure("included GitRepository '" + namespace + "/" + name + "' has no artifact yet");
            }
            resolved.add(new Included(include, other.getStatus().artifact));
        }
        return resolved;
    }

    private void copyInclude(Included included, Workspace workspace, Path tree) throws IOException, InterruptedException, FetchFailure {
        GitRepositoryInclude include = included.include();
        Path tarball = workspace.dir().resolve("include-" + include.repository.name + ".tar.gz");
        artifacts.download(included.artifact().url, included.artifact().digest, tarball);
        String from = include.fromPath == null ? "" : ChartTree.chartDirectory(include.fromPath);
        String to = include.toPath == null || include.toPath.isBlank() ? include.repository.name : ChartTree.chartDirectory(include.toPath);
        Path target = tree.resolve(to).normalize();
        if (!target.startsWith(tree)) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.include[].toPath: '" + include.toPath + "' escapes the artifact", true);
        }
        if (Files.exists(target)) {
            try (var walk = Files.walk(target)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (!ChartTree.extract(tarball, from, target)) {
            throw new IncludeFailure("spec.include[].fromPath: '" + include.fromPath + "' not found in the artifact of GitRepository '"
                    + include.repository.name + "'");
        }
    }

    private Secret secret(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }
}
