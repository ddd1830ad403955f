package io.tributary.fetcher.source.git;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.GitRepositorySpec;
import io.tributary.api.source.GitRepositoryStatus;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.ArtifactStatus;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.Workspace;
import io.tributary.operator.EventRecorder;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.fetcher.status.SourceStatusUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The fetch worker's GitRepository steps: validate, credentials, checkout, package, status. */
@ApplicationScoped
public class GitRepositoryFetcher {

    static final Pattern URL = Pattern.compile("^(http|https|ssh)://[^\\s/]+(/.*)?$");

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceStatusUpdates updates;
    @Inject
    EventRecorder events;

    private final GitCloner cloner = new GitCloner();

    public void fetch(FetchRequested request) throws InterruptedException {
        String namespace = request.source().namespace();
        GitRepository repo = client.resources(GitRepository.class).inNamespace(namespace).withName(request.source().name()).get();
        if (repo == null || repo.getSpec() == null || Boolean.TRUE.equals(repo.getSpec().suspend)) {
            return;
        }
        long generation = Objects.requireNonNullElse(repo.getMetadata().getGeneration(), 0L);
        GitRepositoryStatus status = repo.getStatus() == null ? new GitRepositoryStatus() : repo.getStatus();
        String previousDigest = status.artifact == null ? null : status.artifact.digest;
        updates.startIfNew(repo, status, generation);
        try (Workspace workspace = Workspace.create("git-" + namespace + "-" + repo.getMetadata().getName())) {
            Fetched fetched = checkoutAndStore(repo, workspace);
            status.artifact = ArtifactStatus.from(fetched.stored());
            status.observedIgnore = repo.getSpec().ignore;
            status.observedRecurseSubmodules = repo.getSpec().recurseSubmodules;
            status.observedInclude = repo.getSpec().include;
            status.observedSparseCheckout = repo.getSpec().sparseCheckout;
            String message = "stored artifact for revision '" + fetched.checkout().revision() + "'";
            status.conditions = SourceConditions.succeeded(status.conditions, message, generation);
            updates.finish(repo, status, generation, request);
            if (!fetched.stored().digest().equals(previousDigest)) {
                events.normal(repo, Reasons.NEW_ARTIFACT, "stored artifact for commit '" + fetched.checkout().message() + "'",
                        Map.of(Annotations.REVISION, fetched.checkout().revision(), Annotations.DIGEST, fetched.stored().digest()));
            }
        } catch (FetchFailure failure) {
            updates.fail(repo, status, generation, request, ConditionTypes.FETCH_FAILED, failure.reason(), failure.getMessage(), failure.stalling());
        } catch (IllegalArgumentException invalid) {
            updates.fail(repo, status, generation, request, ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID, invalid.getMessage(), true);
        } catch (ArtifactStorageException storage) {
            updates.fail(repo, status, generation, request, ConditionTypes.STORAGE_OPERATION_FAILED, "ArchiveOperationFailed", storage.getMessage(), false);
        } catch (IOException io) {
            updates.fail(repo, status, generation, request, ConditionTypes.STORAGE_OPERATION_FAILED, "ArchiveOperationFailed",
                    "packaging the source failed: " + io.getMessage(), false);
        }
    }

    /** The checked-out commit and the artifact stored from it. */
    record Fetched(GitCloner.Checkout checkout, ArtifactInfo stored) {
    }

    /** Checks out the ref, applies the ignore rules and streams the tree to artifact-service. */
    private Fetched checkoutAndStore(GitRepository repo, Workspace workspace) throws FetchFailure, IOException, InterruptedException {
        GitCheckoutPlan plan = plan(repo.getSpec());
        Duration timeout = Durations.parseOr("spec.timeout", repo.getSpec().timeout, Duration.ofSeconds(60));
        GitCredentials credentials = credentials(repo);
        Path tree = workspace.dir().resolve("tree");
        GitCloner.Checkout checkout = cloner.checkout(repo.getSpec().url, plan, credentials, timeout, tree);
        IgnoreRules ignore = ignoreRules(tree, repo.getSpec().ignore);
        ArtifactInfo stored = artifacts.upload(GitRepository.KIND, repo.getMetadata().getNamespace(), repo.getMetadata().getName(),
                checkout.commit() + ".tar.gz", checkout.revision(),
                out -> io.tributary.fetcher.artifact.TreeTar.write(tree, "", ignore::excluded, out));
        return new Fetched(checkout, stored);
    }

    static GitCheckoutPlan plan(GitRepositorySpec spec) {
        if (spec.url == null || spec.url.isBlank()) {
            throw new IllegalArgumentException("spec.url: must not be empty");
        }
        if (!URL.matcher(spec.url).matches()) {
            throw new IllegalArgumentException("spec.url: '" + io.tributary.fetcher.status.Sanitizer.sanitize(spec.url)
                    + "' is not a http://, https:// or ssh:// URL");
        }
        return GitCheckoutPlan.of(spec.ref);
    }

    private GitCredentials credentials(GitRepository repo) throws FetchFailure {
        if (repo.getSpec().secretRef == null) {
            return GitCredentials.NONE;
        }
        String name = repo.getSpec().secretRef.name;
        Secret secret = client.secrets().inNamespace(repo.getMetadata().getNamespace()).withName(name).get();
        if (secret == null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + repo.getMetadata().getNamespace() + "/" + name + "' not found", false);
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String username = decode(data.get("username"));
        String password = decode(data.get("password"));
        String token = decode(data.get("bearerToken"));
        if (token != null && username != null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + name
                    + "': set either 'username'/'password' or 'bearerToken', not both", true);
        }
        if (token != null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + name + "': key 'bearerToken' is not supported yet", true);
        }
        if (password != null && username == null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + name + "': key 'password' requires key 'username'", true);
        }
        return new GitCredentials(username, password, null);
    }

    private static String decode(String base64) {
        return base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
    }

    private static IgnoreRules ignoreRules(Path tree, String specIgnore) throws IOException {
        List<String> patterns = new ArrayList<>();
        Path sourceIgnore = tree.resolve(".sourceignore");
        if (Files.isRegularFile(sourceIgnore)) {
            patterns.addAll(Files.readAllLines(sourceIgnore));
        }
        patterns.addAll(IgnoreRules.lines(specIgnore));
        return IgnoreRules.of(patterns);
    }


}
