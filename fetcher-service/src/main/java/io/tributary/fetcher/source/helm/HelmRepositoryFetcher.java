package io.tributary.fetcher.source.helm;

import io.tributary.fetcher.source.SpecRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositorySpec;
import io.tributary.api.source.HelmRepositoryStatus;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.ArtifactStatus;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SourceFetch;
import io.tributary.fetcher.source.Workspace;
import io.tributary.fetcher.status.SourceConditions;
import io.tributary.fetcher.status.SourceStatusUpdates;
import io.tributary.helm.index.HelmIndex;
import io.tributary.helm.index.HelmIndexReader;
import io.tributary.helm.index.SkippedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The fetch worker's HelmRepository steps: download {@code index.yaml} (capped, credentials and TLS from the secrets),
 * validate it, and store it as it came when its sha256 changed. {@code type: oci} repositories are static holders.
 */
@ApplicationScoped
public class HelmRepositoryFetcher {

    /** The spec rules the scheduler and this worker both check. */
    public static final SpecRules<HelmRepository> RULES = new SpecRules<>(repo -> {
        Duration interval = repo.getSpec().interval == null ? HelmRepositoryReconciler.DEFAULT_INTERVAL
                : Durations.parse("spec.interval", repo.getSpec().interval);
        validate(repo.getSpec());
        return interval;
    }, ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID);

    static final Pattern URL = Pattern.compile("^(http|https|oci)://[^\\s/]+(/.*)?$");
    /** The stable name {@code status.url} points at, as in Flux. */
    static final String INDEX = "index.yaml";
    /** How many skipped index entries a log line and an event name. */
    static final int MAX_SKIPPED_LISTED = 5;
    private static final Logger LOG = Logger.getLogger(HelmRepositoryFetcher.class);

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceStatusUpdates updates;
    @Inject
    SourceFetch sources;

    @ConfigProperty(name = "tributary.helm.max-index-bytes", defaultValue = "52428800")
    long maxIndexBytes;

    /** Checks the spec; throws IllegalArgumentException naming the field. */
    public static void validate(HelmRepositorySpec spec) {
        if (spec.url == null || spec.url.isBlank()) {
            throw new IllegalArgumentException("spec.url: must not be empty");
        }
        if (!URL.matcher(spec.url).matches()) {
            throw new IllegalArgumentException("spec.url: '" + io.tributary.fetcher.status.Sanitizer.sanitize(spec.url)
                    + "' is not a http://, https:// or oci:// URL");
        }
        boolean oci = spec.type == HelmRepositorySpec.Type.OCI;
        if (oci != spec.url.startsWith("oci://")) {
            throw new IllegalArgumentException(oci ? "spec.url: a HelmRepository of type 'oci' needs an oci:// URL"
                    : "spec.type: an oci:// URL needs type 'oci'");
        }
    }

    /**
     * Downloads, validates and (when it changed) stores the index; returns the Ready message. Entries Helm would skip are
     * skipped; when a new revision is stored they are logged once and named in its NewArtifact event.
     */
    private SourceFetch.Done fetchIndex(HelmRepository repo, HelmRepositoryStatus status, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        validate(repo.getSpec());
        Duration timeout = Durations.parseOr("spec.timeout", repo.getSpec().timeout, Duration.ofSeconds(60));
        HelmHttp http = HelmSecrets.client(client, repo, timeout);
        HelmHttp.Downloaded index = http.download(http.resolve(INDEX), workspace.dir().resolve(INDEX), maxIndexBytes, "index");
        HelmIndex parsed;
        try {
            parsed = HelmIndexReader.read(index.file());
        } catch (IllegalArgumentException invalid) {
            throw new FetchFailure(Reasons.INDEXATION_FAILED, "failed to load the index: " + invalid.getMessage(), false);
        }
        String revision = "sha256:" + index.sha256();
        if (status.artifact != null && revision.equals(status.artifact.revision) && artifacts.exists(status.artifact.url)) {
            return SourceFetch.Done.of("artifact up to date with remote revision: '" + revision + "'");
        }
        ArtifactInfo stored = artifacts.uploadFile(HelmRepository.KIND, repo.getMetadata().getNamespace(), repo.getMetadata().getName(),
                "index-" + index.sha256() + ".yaml", revision, INDEX, index.file());
        status.artifact = ArtifactStatus.from(stored);
        status.url = stored.url().substring(0, stored.url().lastIndexOf('/') + 1) + INDEX;
        String message = "stored fetched index of size " + index.size() + " bytes (" + parsed.charts().size() + " charts, "
                + parsed.versionCount() + " versions" + (parsed.skipped().isEmpty() ? "" : ", " + parsed.skipped().size() + " invalid entries skipped")
                + ") from '" + io.tributary.fetcher.status.Sanitizer.sanitize(repo.getSpec().url) + "'";
        if (parsed.skipped().isEmpty()) {
            return SourceFetch.Done.of(message);
        }
        String skipped = SkippedEntry.summary(parsed.skipped(), MAX_SKIPPED_LISTED);
        LOG.warnf("%s %s/%s: revision %s: %s", HelmRepository.KIND, repo.getMetadata().getNamespace(), repo.getMetadata().getName(), revision,
                skipped);
        return new SourceFetch.Done(message, Reasons.NEW_ARTIFACT, message + "; " + skipped);
    }

    public void fetch(FetchRequested request) throws InterruptedException {
        Optional<HelmRepository> repo = sources.load(HelmRepository.class, request, r -> Boolean.TRUE.equals(r.getSpec().suspend));
        if (repo.isEmpty()) {
            return;
        }
        if (repo.get().getSpec().type == HelmRepositorySpec.Type.OCI && validSpec(repo.get())) {
            holdOci(repo.get(), request);
            return;
        }
        sources.run(repo.get(), request, HelmRepositoryStatus::new, RULES,
                (r, status, generation, workspace) -> fetchIndex(r, status, workspace), HelmRepositoryFetcher::classify);
    }

    /** Whether the spec passes its rules; an invalid one goes through {@link SourceFetch#run}, which reports it. */
    private static boolean validSpec(HelmRepository repo) {
        try {
            RULES.verify(repo);
            return true;
        } catch (FetchFailure violation) {
            return false;
        }
    }

    /** {@code type: oci}: a static holder, Ready without an artifact, as in Flux. */
    private void holdOci(HelmRepository repo, FetchRequested request) {
        long generation = Objects.requireNonNullElse(repo.getMetadata().getGeneration(), 0L);
        HelmRepositoryStatus status = repo.getStatus() == null ? new HelmRepositoryStatus() : repo.getStatus();
        var report = updates.report(repo, status, request, generation);
        status.artifact = null;
        status.url = null;
        status.conditions = io.tributary.api.meta.Conditions.remove(
                SourceConditions.succeeded(status.conditions, "Helm repository is Ready", generation), ConditionTypes.ARTIFACT_IN_STORAGE);
        report.complete();
    }

    /** Refused credentials are AuthenticationFailed; other download problems IndexationFailed. */
    static SourceFetch.Failed classify(Exception failure, HelmRepositoryStatus status, long generation) {
        if (failure instanceof HelmHttp.DownloadException download) {
            String reason = download.status() == 401 || download.status() == 403 ? Reasons.AUTHENTICATION_FAILED : Reasons.INDEXATION_FAILED;
            return new SourceFetch.Failed(ConditionTypes.FETCH_FAILED, reason, download.getMessage(), false);
        }
        if (failure instanceof IOException io && !(failure instanceof ArtifactStorageException)) {
            String message = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
            String reason = io instanceof javax.net.ssl.SSLException ? Reasons.AUTHENTICATION_FAILED : Reasons.INDEXATION_FAILED;
            return new SourceFetch.Failed(ConditionTypes.FETCH_FAILED, reason, "failed to fetch the index: " + message, false);
        }
        return null;
    }
}
