package io.tributary.fetcher.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositorySpec;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SecretData;
import io.tributary.fetcher.source.oci.DockerConfig;
import io.tributary.fetcher.source.oci.OciManifest;
import io.tributary.fetcher.source.oci.OciUrl;
import io.tributary.fetcher.source.oci.RegistryClient;
import io.tributary.operator.tls.PemTls;
import io.tributary.semver.Constraint;
import io.tributary.semver.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Charts of a HelmRepository of {@code type: oci}, as source-controller's {@code OCIChartRepository} and Helm's registry
 * client find and pull them: the chart is the repository {@code <url>/<chart>}, its versions are the tags that are strict
 * semantic versions once {@code _} reads as {@code +}, and the pull is pinned to the manifest digest the tag resolved to,
 * so a tag moved in between cannot mix two charts.
 */
final class OciCharts {

    static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
    static final String CHART_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    static final String LEGACY_CHART_MEDIA_TYPE = "application/tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciCharts() {
    }

    /** The registry client for {@code <repository url>/<chart>}: credentials, TLS and timeout of the HelmRepository. */
    static RegistryClient registry(KubernetesClient client, HelmRepository repo, String chart) throws FetchFailure {
        HelmRepositorySpec spec = repo.getSpec();
        String namespace = repo.getMetadata().getNamespace();
        if (spec.provider != null && spec.provider != HelmRepositorySpec.Provider.GENERIC) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "HelmRepository '" + repo.getMetadata().getName() + "': spec.provider '"
                    + spec.provider.name().toLowerCase(java.util.Locale.ROOT) + "' needs cloud workload identity, which is not supported;"
                    + " use 'generic' with spec.secretRef", true);
        }
        OciUrl url = chartUrl(repo, chart);
        DockerConfig.Credentials credentials = null;
        if (spec.secretRef != null && spec.secretRef.name != null) {
            Map<String, String> data = SecretData.load(client, namespace, spec.secretRef.name, "secret");
            String where = "secret '" + namespace + "/" + spec.secretRef.name + "'";
            String config = data.get(".dockerconfigjson");
            try {
                if (config != null) {
                    credentials = DockerConfig.credentials(config, url.registry());
                } else if (data.get("username") != null && data.get("password") != null) {
                    credentials = new DockerConfig.Credentials(data.get("username"), data.get("password"));
                } else {
                    throw new IllegalArgumentException("needs '.dockerconfigjson' (a kubernetes.io/dockerconfigjson Secret) or 'username' and"
                            + " 'password'");
                }
            } catch (IllegalArgumentException invalid) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, where + ": " + invalid.getMessage(), false);
            }
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
        Duration timeout = Durations.parseOr("spec.timeout", spec.timeout, Duration.ofSeconds(60));
        return new RegistryClient(url, Boolean.TRUE.equals(spec.insecure), tls, credentials, timeout);
    }

    /** The chart's repository: {@code <HelmRepository url>/<chart>}. */
    static OciUrl chartUrl(HelmRepository repo, String chart) throws FetchFailure {
        try {
            return OciUrl.parse(repo.getSpec().url.replaceAll("/+$", "") + "/" + chart);
        } catch (IllegalArgumentException invalid) {
            throw new FetchFailure(Reasons.INVALID_CHART_REFERENCE, "HelmRepository '" + repo.getMetadata().getName() + "' "
                    + invalid.getMessage() + " (chart '" + chart + "')", true);
        }
    }

    /** The manifest digest {@code version}'s tag resolves to ({@code +} written {@code _}, as Helm pushes it). */
    static String resolve(RegistryClient registry, String version) throws FetchFailure, IOException, InterruptedException {
        String tag = version.replace('+', '_');
        Optional<String> digest = registry.headDigest(tag);
        return digest.isPresent() ? digest.get() : registry.manifest(tag).digest();
    }

    /** Helm's registry {@code Tags}: tags that are strict semantic versions with {@code _} as {@code +}, newest first. */
    static List<Version> versions(List<String> tags) {
        List<Version> versions = new ArrayList<>();
        for (String tag : tags) {
            try {
                versions.add(Version.parseStrict(tag.replace('_', '+')));
            } catch (IllegalArgumentException notAVersion) {
                // Helm skips tags that are not versions
            }
        }
        versions.sort(Comparator.reverseOrder());
        return versions;
    }

    /** The tags a selection reads; called only when the requested version is not one itself. */
    interface Tags {
        List<String> list() throws FetchFailure, IOException, InterruptedException;
    }

    /**
     * source-controller's {@code getChartVersion}: a requested version that parses as one (a leading {@code v} allowed) is
     * taken as it is, without listing tags; otherwise an exact tag, else the highest version the constraint allows
     * (none or {@code *}: the latest stable).
     *
     * @throws IllegalArgumentException when {@code requested} is neither a version nor a constraint
     */
    static Optional<String> select(String requested, Tags tags) throws FetchFailure, IOException, InterruptedException {
        if (requested != null && isFluxVersion(requested)) {
            return Optional.of(requested);
        }
        List<String> candidates = versions(tags.list()).stream().map(Version::toString).toList();
        if (candidates.isEmpty()) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, "unable to locate any tags in the repository", false);
        }
        if (requested != null && !requested.isEmpty() && candidates.contains(requested)) {
            return Optional.of(requested);
        }
        Constraint constraint = Constraint.parse(requested == null || requested.isEmpty() ? "*" : requested);
        List<Version> matching = new ArrayList<>();
        for (String candidate : candidates) {
            Version v = Version.tryParse(candidate);
            if (v != null && isFluxVersion(candidate) && constraint.matches(v)) {
                matching.add(v);
            }
        }
        return matching.stream().max(Comparator.naturalOrder()).map(Version::original);
    }

    /** fluxcd/pkg {@code version.ParseVersion}: Masterminds' strict form, a leading {@code v} allowed. */
    static boolean isFluxVersion(String text) {
        try {
            Version.parseStrict(text.startsWith("v") ? text.substring(1) : text);
            return true;
        } catch (IllegalArgumentException notStrict) {
            return false;
        }
    }

    /** A registry failure as a HelmChart reports it: refused credentials stay AuthenticationFailed, the rest ChartPullError. */
    static FetchFailure asChartFailure(FetchFailure failure, String what) {
        String reason = Reasons.AUTHENTICATION_FAILED.equals(failure.reason()) || Reasons.INVALID_CHART_REFERENCE.equals(failure.reason())
                ? failure.reason() : Reasons.CHART_PULL_ERROR;
        return new FetchFailure(reason, what + ": " + failure.getMessage(), failure.kind());
    }

    /** A chart package pulled: where it is, and the manifest digest it was pulled by. */
    record Pulled(Path file, String manifestDigest) {
    }

    /**
     * Resolves {@code version}'s tag ({@code +} written {@code _}, as Helm pushes it) to a manifest digest, reads that
     * manifest, checks it is a Helm chart (config {@value #CONFIG_MEDIA_TYPE} and a chart layer) and downloads the chart
     * layer, its digest and size checked, into {@code target}.
     */
    static Pulled pull(RegistryClient registry, String version, Path target, long maxBytes) throws FetchFailure, IOException,
            InterruptedException {
        return pull(registry, version, resolve(registry, version), target, maxBytes);
    }

    /** As {@link #pull(RegistryClient, String, Path, long)}, by the digest already resolved (and verified). */
    static Pulled pull(RegistryClient registry, String version, String digest, Path target, long maxBytes) throws FetchFailure,
            IOException, InterruptedException {
        String tag = version.replace('+', '_');
        RegistryClient.Fetched fetched = registry.manifest(digest);
        OciManifest manifest;
        JsonNode config;
        try {
            manifest = OciManifest.parse(fetched.body(), fetched.contentType());
            config = JSON.readTree(fetched.body()).path("config");
        } catch (IllegalArgumentException | IOException invalid) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, "tag '" + tag + "': " + invalid.getMessage(), false);
        }
        if (manifest.isIndex()) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, "tag '" + tag + "' is an image index (" + manifest.mediaType()
                    + "), not a Helm chart manifest", false);
        }
        if (!CONFIG_MEDIA_TYPE.equals(config.path("mediaType").asText())) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, "tag '" + tag + "': could not load config with mediatype " + CONFIG_MEDIA_TYPE
                    + " (the manifest's config is '" + config.path("mediaType").asText() + "'): not a Helm chart", false);
        }
        OciManifest.Descriptor chart = manifest.layers().stream().filter(l -> CHART_MEDIA_TYPE.equals(l.mediaType())).findFirst()
                .or(() -> manifest.layers().stream().filter(l -> LEGACY_CHART_MEDIA_TYPE.equals(l.mediaType())).findFirst())
                .orElseThrow(() -> new FetchFailure(Reasons.CHART_PULL_ERROR, "tag '" + tag
                        + "': manifest does not contain a layer with mediatype " + CHART_MEDIA_TYPE, false));
        registry.blob(chart, target, maxBytes);
        return new Pulled(target, fetched.digest());
    }
}
