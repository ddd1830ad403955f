package io.tributary.fetcher.source.oci;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Artifact;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.OCIRepository;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.api.source.OCIRepositoryVerification;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.ArtifactStatus;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SecretData;
import io.tributary.fetcher.source.SourceFetch;
import io.tributary.fetcher.source.SpecRules;
import io.tributary.fetcher.source.Workspace;
import io.tributary.fetcher.source.git.IgnoreRules;
import io.tributary.operator.archive.SafeTar;
import io.tributary.operator.tls.PemTls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fetch worker's OCIRepository steps: credentials and TLS from the referenced Secrets, the verification keys of
 * {@code spec.verify.secretRef} when a signature check runs, then {@link OciArtifactSteps}.
 */
@ApplicationScoped
public class OCIRepositoryFetcher {

    /** The spec rules the scheduler and this worker both check. */
    public static final SpecRules<OCIRepository> RULES = new SpecRules<>(repository -> {
        SpecRules.checkIgnore(repository.getSpec().ignore);
        return OciSpec.check(repository.getSpec());
    },
            ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID);

    static final String LATEST = "latest.tar.gz";
    static final String DOCKER_CONFIG = ".dockerconfigjson";

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceFetch sources;

    @ConfigProperty(name = "tributary.oci.max-layer-bytes", defaultValue = "536870912")
    long maxLayerBytes;
    @ConfigProperty(name = "tributary.oci.max-unpacked-bytes", defaultValue = "2147483648")
    long maxUnpackedBytes;
    @ConfigProperty(name = "tributary.oci.max-entries", defaultValue = "100000")
    int maxEntries;

    public void fetch(FetchRequested request) throws InterruptedException {
        Optional<OCIRepository> repository = sources.load(OCIRepository.class, request, r -> Boolean.TRUE.equals(r.getSpec().suspend));
        if (repository.isPresent()) {
            sources.run(repository.get(), request, OCIRepositoryStatus::new, RULES, this::fetch, OCIRepositoryFetcher::classify);
        }
    }

    private SourceFetch.Done fetch(OCIRepository repository, OCIRepositoryStatus status, long generation, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        OCIRepositorySpec spec = repository.getSpec();
        RegistryClient registry = registry(repository.getMetadata().getNamespace(), spec);
        String namespace = repository.getMetadata().getNamespace();
        String message = OciArtifactSteps.run(spec, status, generation, registry, storage(repository, status), workspace.dir(), maxLayerBytes,
                new SafeTar.Limits(maxLayerBytes, maxUnpackedBytes, maxEntries, 64), verify -> verificationKeys(namespace, verify));
        return SourceFetch.Done.of(message);
    }

    /** The cosign public keys ({@code *.pub}) of {@code spec.verify.secretRef}. */
    List<CosignKeys.Key> verificationKeys(String namespace, OCIRepositoryVerification verify) throws OciVerificationFailure {
        return CosignKeys.ofSecret(namespace, verify.secretRef.name, client.secrets().inNamespace(namespace).withName(verify.secretRef.name).get());
    }

    /**
     * A failed verification is Ready=False with reason VerificationError (SourceVerified=False is already set); network
     * failures talking to the registry are OCIArtifactPullFailed; storage failures keep the common mapping.
     */
    static SourceFetch.Failed classify(Exception failure, OCIRepositoryStatus status, long generation) {
        if (failure instanceof OciVerificationFailure verification) {
            return new SourceFetch.Failed(null, verification.reason(), verification.getMessage(), verification.kind());
        }
        if (failure instanceof IOException io && !(failure instanceof ArtifactStorageException)) {
            return new SourceFetch.Failed(ConditionTypes.FETCH_FAILED, OciReasons.PULL_FAILED,
                    "failed to pull artifact: " + SourceFetch.describe(io), false);
        }
        return null;
    }

    /** The registry client for the spec: {@code secretRef} credentials for the URL's host, {@code certSecretRef} TLS, timeout. */
    RegistryClient registry(String namespace, OCIRepositorySpec spec) throws FetchFailure {
        OciUrl url = OciUrl.parse(spec.url);
        Duration timeout = Durations.parseOr("spec.timeout", spec.timeout, Duration.ofSeconds(60));
        DockerConfig.Credentials credentials = null;
        if (spec.secretRef != null && spec.secretRef.name != null) {
            credentials = pullSecret(namespace, spec.secretRef.name, url, true);
        }
        if (credentials == null && spec.serviceAccountName != null && !spec.serviceAccountName.isEmpty()) {
            credentials = serviceAccountCredentials(namespace, spec.serviceAccountName, url);
        }
        SSLContext tls = null;
        if (spec.certSecretRef != null && spec.certSecretRef.name != null) {
            Map<String, String> data = SecretData.load(client, namespace, spec.certSecretRef.name, "secret");
            try {
                tls = PemTls.of(data.get("ca.crt"), data.get("tls.crt"), data.get("tls.key")).sslContext();
            } catch (IllegalArgumentException invalid) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + spec.certSecretRef.name + "': "
                        + invalid.getMessage(), false);
            }
        }
        HttpProxy proxy = null;
        if (spec.proxySecretRef != null && spec.proxySecretRef.name != null) {
            Map<String, String> data = SecretData.load(client, namespace, spec.proxySecretRef.name, "proxy secret");
            try {
                proxy = HttpProxy.of(data);
            } catch (IllegalArgumentException invalid) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "spec.proxySecretRef: secret '" + namespace + "/"
                        + spec.proxySecretRef.name + "': " + invalid.getMessage(), false);
            }
        }
        return new RegistryClient(url, Boolean.TRUE.equals(spec.insecure), tls, credentials, timeout, proxy);
    }

    /**
     * The credentials a {@code kubernetes.io/dockerconfigjson} Secret holds for the registry; null when it names another
     * registry. {@code required}: the Secret was named by the spec, so one without the key is an error.
     */
    private DockerConfig.Credentials pullSecret(String namespace, String name, OciUrl url, boolean required) throws FetchFailure {
        Map<String, String> data = SecretData.load(client, namespace, name, "secret");
        String config = data.get(DOCKER_CONFIG);
        if (config == null) {
            if (!required) {
                return null;
            }
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + name
                    + "': key '" + DOCKER_CONFIG + "' is required (a kubernetes.io/dockerconfigjson Secret)", false);
        }
        try {
            return DockerConfig.credentials(config, url.registry());
        } catch (IllegalArgumentException invalid) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + name + "': " + invalid.getMessage(), false);
        }
    }

    /**
     * {@code spec.serviceAccountName}: the account's {@code imagePullSecrets} in order, the first holding credentials
     * for the registry, as the keychain source-controller builds from them.
     */
    private DockerConfig.Credentials serviceAccountCredentials(String namespace, String account, OciUrl url) throws FetchFailure {
        var serviceAccount = client.serviceAccounts().inNamespace(namespace).withName(account).get();
        if (serviceAccount == null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "spec.serviceAccountName: service account '" + namespace + "/" + account
                    + "' not found", false);
        }
        for (var reference : Optional.ofNullable(serviceAccount.getImagePullSecrets()).orElse(java.util.List.of())) {
            if (reference.getName() == null) {
                continue;
            }
            DockerConfig.Credentials credentials = pullSecret(namespace, reference.getName(), url, false);
            if (credentials != null) {
                return credentials;
            }
        }
        return null;
    }

    private OciArtifactSteps.Storage storage(OCIRepository repository, OCIRepositoryStatus status) {
        String namespace = repository.getMetadata().getNamespace();
        String name = repository.getMetadata().getName();
        return new OciArtifactSteps.Storage() {
            @Override
            public boolean exists(Artifact artifact) throws InterruptedException {
                return artifacts.exists(artifact.url);
            }

            @Override
            public Artifact storeTree(Path tree, String ignore, String file, String revision) throws IOException, InterruptedException {
                IgnoreRules rules = IgnoreRules.read(tree, ignore);
                return stored(artifacts.upload(OCIRepository.KIND, namespace, name, file, revision, LATEST,
                        out -> TreeTar.write(tree, "", rules::excluded, TreeTar.Walk.TEST_EVERY_PATH, out)));
            }

            @Override
            public Artifact storeFile(Path content, String file, String revision) throws IOException, InterruptedException {
                return stored(artifacts.uploadFile(OCIRepository.KIND, namespace, name, file, revision, LATEST, content));
            }

            private Artifact stored(ArtifactInfo info) {
                status.url = info.url().substring(0, info.url().lastIndexOf('/') + 1) + LATEST;
                return ArtifactStatus.from(info);
            }
        };
    }
}
