package io.tributary.fetcher.source.bucket;

import io.tributary.fetcher.source.SpecRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Durations;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.Bucket;
import io.tributary.api.source.BucketSpec;
import io.tributary.api.source.BucketStatus;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.artifact.ArtifactClient;
import io.tributary.fetcher.artifact.ArtifactStatus;
import io.tributary.fetcher.artifact.ArtifactStorageException;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.SourceFetch;
import io.tributary.fetcher.source.Workspace;
import io.tributary.fetcher.source.git.IgnoreRules;
import io.tributary.fetcher.status.Sanitizer;
import io.tributary.operator.tls.PemTls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fetch worker's Bucket steps (generic and aws providers, through the MinIO client): list the objects under
 * {@code prefix}, drop what the root {@code .sourceignore} and {@code spec.ignore} exclude, compute the revision
 * ({@code sha256} of the sorted {@code key etag} lines), and only when it changed download the objects (keys joined
 * safely, sizes capped) and store them as an artifact.
 */
@ApplicationScoped
public class BucketFetcher {

    /** The spec rules the scheduler and this worker both check. */
    public static final SpecRules<Bucket> RULES = new SpecRules<>(bucket -> {
        Duration interval = Durations.parse("spec.interval", bucket.getSpec().interval);
        validate(bucket.getSpec());
        SpecRules.checkIgnore(bucket.getSpec().ignore);
        return interval;
    }, ConditionTypes.FETCH_FAILED, Reasons.URL_INVALID);

    static final String LATEST = "latest.tar.gz";
    static final String SOURCE_IGNORE = ".sourceignore";

    @Inject
    KubernetesClient client;
    @Inject
    ArtifactClient artifacts;
    @Inject
    SourceFetch sources;

    @ConfigProperty(name = "tributary.bucket.max-object-bytes", defaultValue = "536870912")
    long maxObjectBytes;
    @ConfigProperty(name = "tributary.bucket.max-total-bytes", defaultValue = "2147483648")
    long maxTotalBytes;

    /** Checks the spec; throws IllegalArgumentException naming the field. */
    public static void validate(BucketSpec spec) {
        if (spec.bucketName == null || spec.bucketName.isBlank()) {
            throw new IllegalArgumentException("spec.bucketName: must not be empty");
        }
        if (spec.endpoint == null || spec.endpoint.isBlank()) {
            throw new IllegalArgumentException("spec.endpoint: must not be empty");
        }
        if (spec.endpoint.contains("://") || spec.endpoint.contains("/") || spec.endpoint.contains("@")) {
            throw new IllegalArgumentException("spec.endpoint: '" + Sanitizer.sanitize(spec.endpoint)
                    + "' must be host[:port] without scheme, path or credentials (spec.insecure selects plain HTTP)");
        }
        if (spec.provider == BucketSpec.Provider.GCP || spec.provider == BucketSpec.Provider.AZURE) {
            throw new IllegalArgumentException("spec.provider: '" + spec.provider.name().toLowerCase() + "' is not supported yet; use generic or aws");
        }
        if (spec.sts != null) {
            throw new IllegalArgumentException("spec.sts: Security Token Service credentials are not supported yet");
        }
        if (spec.secretRef != null && spec.serviceAccountName != null) {
            throw new IllegalArgumentException("spec.secretRef and spec.serviceAccountName: set at most one");
        }
    }

    public void fetch(FetchRequested request) throws InterruptedException {
        Optional<Bucket> bucket = sources.load(Bucket.class, request, b -> Boolean.TRUE.equals(b.getSpec().suspend));
        if (bucket.isPresent()) {
            sources.run(bucket.get(), request, BucketStatus::new, RULES, this::fetch, BucketFetcher::classify);
        }
    }

    private SourceFetch.Done fetch(Bucket bucket, BucketStatus status, long generation, Workspace workspace)
            throws FetchFailure, IOException, InterruptedException {
        String namespace = bucket.getMetadata().getNamespace();
        BucketSpec spec = bucket.getSpec();
        validate(spec);
        MinioClient s3 = s3(bucket);
        String prefix = spec.prefix == null ? "" : spec.prefix;
        Path tree = Files.createDirectories(workspace.dir().resolve("tree"));
        List<String> patterns = new ArrayList<>(readSourceIgnore(s3, spec.bucketName));
        patterns.addAll(IgnoreRules.lines(spec.ignore));
        IgnoreRules ignore = IgnoreRules.patternsOnly(patterns);
        TreeMap<String, Item> objects = list(s3, spec.bucketName, prefix, ignore);
        String revision = revision(objects);
        String message;
        boolean unchanged = status.artifact != null && revision.equals(status.artifact.revision)
                && Objects.equals(spec.ignore, status.observedIgnore) && artifacts.exists(status.artifact.url);
        if (unchanged) {
            message = "stored artifact for revision '" + revision + "'";
        } else {
            download(s3, spec.bucketName, objects, tree);
            ArtifactInfo stored = artifacts.upload(Bucket.KIND, namespace, bucket.getMetadata().getName(),
                    revision.substring("sha256:".length()) + ".tar.gz", revision, LATEST,
                    out -> TreeTar.write(tree, "", (path, directory) -> false, TreeTar.Walk.TEST_EVERY_PATH, out));
            status.artifact = ArtifactStatus.from(stored);
            status.url = stored.url().substring(0, stored.url().lastIndexOf('/') + 1) + LATEST;
            message = "stored artifact with " + objects.size() + " fetched files from '" + spec.bucketName + "' bucket";
        }
        status.observedIgnore = spec.ignore;
        return SourceFetch.Done.of(message);
    }

    /** Other I/O problems with the object store are BucketOperationFailed. */
    static SourceFetch.Failed classify(Exception failure, BucketStatus status, long generation) {
        if (failure instanceof IOException io && !(failure instanceof ArtifactStorageException)) {
            return new SourceFetch.Failed(ConditionTypes.FETCH_FAILED, "BucketOperationFailed", "object store request failed: " + io.getMessage(), false);
        }
        return null;
    }

    /** {@code sha256:} of the sorted {@code key etag} lines, as Flux computes a bucket's revision. */
    static String revision(TreeMap<String, Item> objects) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Item> object : objects.entrySet()) {
                sha.update((object.getKey() + " " + etag(object.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String etag(Item item) {
        String etag = item.etag();
        return etag == null ? "" : etag.replace("\"", "");
    }

    private MinioClient s3(Bucket bucket) throws FetchFailure {
        BucketSpec spec = bucket.getSpec();
        String namespace = bucket.getMetadata().getNamespace();
        OkHttpClient http = httpClient(spec, namespace);
        String host = spec.endpoint;
        int port = -1;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            try {
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon);
            } catch (NumberFormatException e) {
                throw new FetchFailure(Reasons.URL_INVALID, "spec.endpoint: '" + spec.endpoint + "' has an invalid port", true);
            }
        }
        boolean secure = !Boolean.TRUE.equals(spec.insecure);
        MinioClient.Builder builder = MinioClient.builder().httpClient(http)
                .endpoint(host, port > 0 ? port : (secure ? 443 : 80), secure);
        if (spec.region != null && !spec.region.isBlank()) {
            builder.region(spec.region);
        }
        if (spec.secretRef != null && spec.secretRef.name != null) {
            Map<String, String> data = data(namespace, spec.secretRef.name);
            String access = data.get("accesskey");
            String secret = data.get("secretkey");
            if (access == null || secret == null) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + spec.secretRef.name
                        + "': keys 'accesskey' and 'secretkey' are required", false);
            }
            builder.credentials(access, secret);
        }
        return builder.build();
    }

    /** The HTTP client for the bucket: timeouts, {@code certSecretRef} TLS, {@code proxySecretRef} proxy. */
    private OkHttpClient httpClient(BucketSpec spec, String namespace) throws FetchFailure {
        Duration timeout = Durations.parseOr("spec.timeout", spec.timeout, Duration.ofSeconds(60));
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
        if (spec.certSecretRef != null && spec.certSecretRef.name != null) {
            Map<String, String> data = data(namespace, spec.certSecretRef.name);
            try {
                PemTls tls = PemTls.of(data.get("ca.crt"), data.get("tls.crt"), data.get("tls.key"));
                X509TrustManager trust = tls.trustManagers() == null ? defaultTrust() : (X509TrustManager) tls.trustManagers()[0];
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(tls.keyManagers(), new javax.net.ssl.TrustManager[] {trust}, null);
                http.sslSocketFactory(context.getSocketFactory(), trust);
            } catch (IllegalArgumentException invalid) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + spec.certSecretRef.name + "': "
                        + invalid.getMessage(), false);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        if (spec.proxySecretRef != null && spec.proxySecretRef.name != null) {
            Map<String, String> data = data(namespace, spec.proxySecretRef.name);
            String address = data.get("address");
            URI uri;
            try {
                uri = address == null ? null : URI.create(address);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "proxy secret '" + namespace + "/" + spec.proxySecretRef.name
                        + "': key 'address' must be an http:// URL with a host", false);
            }
            http.proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80)));
            if (data.get("username") != null) {
                String credential = Credentials.basic(data.get("username"), Objects.requireNonNullElse(data.get("password"), ""));
                http.proxyAuthenticator((route, response) -> response.request().newBuilder().header("Proxy-Authorization", credential).build());
            }
        }
        return http.build();
    }

    private static X509TrustManager defaultTrust() throws java.security.GeneralSecurityException {
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private Map<String, String> data(String namespace, String name) throws FetchFailure {
        return io.tributary.fetcher.source.SecretData.load(client, namespace, name, "secret");
    }

    /** The bucket's root {@code .sourceignore}, whatever the prefix, as Flux reads it. */
    private List<String> readSourceIgnore(MinioClient s3, String bucket) throws IOException, FetchFailure {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(SOURCE_IGNORE).build())) {
            byte[] bytes = in.readNBytes(1024 * 1024);
            return IgnoreRules.lines(new String(bytes, StandardCharsets.UTF_8));
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code)) {
                return List.of();
            }
            throw failure(bucket, e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw failure(bucket, e);
        }
    }

    private TreeMap<String, Item> list(MinioClient s3, String bucket, String prefix, IgnoreRules ignore) throws IOException, FetchFailure {
        TreeMap<String, Item> objects = new TreeMap<>();
        try {
            for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                String key = item.objectName();
                if (item.isDir() || key.endsWith("/")) {
                    continue;
                }
                // as Flux: the rules see the whole key, and only the root .sourceignore is left out
                if (key.equals(SOURCE_IGNORE) || ignore.excludedKey(key)) {
                    continue;
                }
                objects.put(key.substring(prefix.length()), item);
            }
        } catch (ErrorResponseException e) {
            throw failure(bucket, e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw failure(bucket, e);
        }
        return objects;
    }

    private void download(MinioClient s3, String bucket, TreeMap<String, Item> objects, Path tree) throws IOException, FetchFailure {
        Path root = tree.toRealPath();
        long total = 0;
        for (Map.Entry<String, Item> object : objects.entrySet()) {
            String key = object.getKey();
            Path target = safeJoin(root, key);
            long size = object.getValue().size();
            if (size > maxObjectBytes) {
                throw new FetchFailure("BucketOperationFailed", "object '" + key + "' is " + size + " bytes, over the limit of " + maxObjectBytes, false);
            }
            total += size;
            if (total > maxTotalBytes) {
                throw new FetchFailure("BucketOperationFailed", "bucket content exceeds the limit of " + maxTotalBytes + " bytes", false);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(object.getValue().objectName()).build());
                    OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[65536];
                long written = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    written += n;
                    if (written > maxObjectBytes) {
                        throw new FetchFailure("BucketOperationFailed", "object '" + key + "' is over the limit of " + maxObjectBytes + " bytes", false);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (FetchFailure | IOException e) {
                throw e;
            } catch (Exception e) {
                throw failure(bucket, e);
            }
        }
    }

    /** The file for an object key; keys that are absolute or climb out of the directory are refused. */
    public static Path safeJoin(Path root, String key) throws FetchFailure {
        if (key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new FetchFailure("BucketOperationFailed", "object key '" + key + "' is not a relative path", false);
        }
        for (String part : key.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new FetchFailure("BucketOperationFailed", "object key '" + key + "' escapes the bucket directory", false);
            }
        }
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new FetchFailure("BucketOperationFailed", "object key '" + key + "' escapes the bucket directory", false);
        }
        return target;
    }

    private static FetchFailure failure(String bucket, Exception e) {
        if (e instanceof ErrorResponseException response) {
            String code = response.errorResponse().code();
            boolean auth = "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code);
            String message = "NoSuchBucket".equals(code) ? "bucket '" + bucket + "' does not exist"
                    : "bucket '" + bucket + "': " + code + ": " + Sanitizer.sanitize(response.errorResponse().message());
            return new FetchFailure(auth ? Reasons.AUTHENTICATION_FAILED : "BucketOperationFailed", message, false);
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FetchFailure("BucketOperationFailed", "bucket '" + bucket + "': " + Sanitizer.sanitize(text), false);
    }
}
