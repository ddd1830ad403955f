package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.tributary.api.meta.Annotations;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.source.Bucket;
import io.tributary.api.source.BucketSpec;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmChartSpec;
import io.tributary.api.source.SourceReference;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bucket end to end on the local stack, against S3Proxy on loopback with AWS signature authentication. */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BucketIT {

    private static final String NS = "bucket-it";
    private static final String ACCESS = "tributary";
    private static final String SECRET = "s3cr3t-key-value";
    private static LocalStack stack;
    private static S3Proxy s3;
    private static MinioClient minio;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        stack.createNamespace(NS);
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        s3.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(s3.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        minio = MinioClient.builder().endpoint("127.0.0.1", s3.getPort(), false).credentials(ACCESS, SECRET).build();
        minio.makeBucket(MakeBucketArgs.builder().bucket("manifests").build());
        put("manifests", ".sourceignore", "*.tmp\n");
        put("manifests", "deploy/app.yaml", "kind: ConfigMap\n");
        put("manifests", "deploy/scratch.tmp", "x\n");
        put("manifests", "docs/readme.md", "docs\n");
        put("manifests", "charts/demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.2.0\n");
        put("manifests", "charts/demo/templates/cm.yaml", "kind: ConfigMap\n");
        stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("s3-creds").withNamespace(NS)
                .endMetadata().withStringData(Map.of("accesskey", ACCESS, "secretkey", SECRET)).build()).create();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.stop();
    }

    private static void put(String bucket, String key, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    private void create(String name, Consumer<BucketSpec> customise) {
        Bucket bucket = new Bucket();
        bucket.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        BucketSpec spec = new BucketSpec();
        spec.bucketName = "manifests";
        spec.endpoint = "127.0.0.1:" + s3.getPort();
        spec.insecure = true;
        spec.interval = "1h";
        spec.secretRef = new LocalObjectReference("s3-creds");
        customise.accept(spec);
        bucket.setSpec(spec);
        stack.client().resources(Bucket.class).inNamespace(NS).resource(bucket).create();
    }

    private Bucket get(String name) {
        return stack.client().resources(Bucket.class).inNamespace(NS).withName(name).get();
    }

    private Optional<Condition> ready(String name) {
        Bucket bucket = get(name);
        return bucket == null || bucket.getStatus() == null ? Optional.empty() : Conditions.find(bucket.getStatus().conditions, "Ready");
    }

    private void awaitReady(String name, String status) {
        stack.await(name + " Ready=" + status, Duration.ofSeconds(60), () -> ready(name).map(c -> status.equals(c.getStatus())).orElse(false));
    }

    private void requestReconcile(String name, String token) {
        stack.edit(Bucket.class, NS, name, b -> {
            b.getMetadata().getAnnotations().put(Annotations.REQUESTED_AT, token);
            return b;
        });
        stack.await(name + " to handle " + token, Duration.ofSeconds(60), () -> token.equals(get(name).getStatus().lastHandledReconcileAt));
    }

    /** The revision Flux computes: sha256 of the sorted "key etag" lines of the objects that are not ignored. */
    private static String expectedRevision(List<String> ignoredPrefixes, List<String> ignoredSuffixes) throws Exception {
        TreeMap<String, String> objects = new TreeMap<>();
        for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder().bucket("manifests").recursive(true).build())) {
            Item item = result.get();
            String key = item.objectName();
            if (key.equals(".sourceignore") || ignoredPrefixes.stream().anyMatch(key::startsWith) || ignoredSuffixes.stream().anyMatch(key::endsWith)) {
                continue;
            }
            objects.put(key, item.etag().replace("\"", ""));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        objects.forEach((key, etag) -> sha.update((key + " " + etag + "\n").getBytes(StandardCharsets.UTF_8)));
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private List<String> entries(String url) throws Exception {
        byte[] body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(body)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }

    @Test
    @Order(1)
    void objectsAreFetchedFilteredAndStoredWithFluxsRevision() throws Exception {
        create("manifests", spec -> spec.ignore = "docs/\n");
        awaitReady("manifests", "True");
        Bucket bucket = get("manifests");
        assertThat(bucket.getStatus().artifact.revision).isEqualTo(expectedRevision(List.of("docs/"), List.of(".tmp")));
        assertThat(bucket.getStatus().observedIgnore).isEqualTo("docs/\n");
        assertThat(bucket.getStatus().url).endsWith("/bucket/" + NS + "/manifests/latest.tar.gz");
        assertThat(bucket.getMetadata().getFinalizers()).contains("finalizers.fluxcd.io");
        assertThat(entries(bucket.getStatus().url)).contains("deploy/app.yaml", "charts/demo/Chart.yaml")
                .doesNotContain("deploy/scratch.tmp", "docs/readme.md", ".sourceignore");

        requestReconcile("manifests", "unchanged");
        assertThat(get("manifests").getStatus().artifact.lastUpdateTime).isEqualTo(bucket.getStatus().artifact.lastUpdateTime);

        put("manifests", "deploy/extra.yaml", "kind: Secret\n");
        requestReconcile("manifests", "changed");
        Bucket changed = get("manifests");
        assertThat(changed.getStatus().artifact.revision).isNotEqualTo(bucket.getStatus().artifact.revision)
                .isEqualTo(expectedRevision(List.of("docs/"), List.of(".tmp")));
        assertThat(entries(changed.getStatus().url)).contains("deploy/extra.yaml");
    }

    @Test
    @Order(2)
    void aChartIsPackagedFromTheBucketArtifact() {
        HelmChart chart = new HelmChart();
        chart.setMetadata(new ObjectMetaBuilder().withName("demo-from-bucket").withNamespace(NS).build());
        chart.setSpec(new HelmChartSpec());
        chart.getSpec().chart = "charts/demo";
        chart.getSpec().interval = "1h";
        chart.getSpec().sourceRef = new SourceReference();
        chart.getSpec().sourceRef.kind = SourceReference.Kind.Bucket;
        chart.getSpec().sourceRef.name = "manifests";
        stack.client().resources(HelmChart.class).inNamespace(NS).resource(chart).create();
        stack.await("the chart from the bucket", Duration.ofSeconds(60), () -> {
            HelmChart c = stack.client().resources(HelmChart.class).inNamespace(NS).withName("demo-from-bucket").get();
            return c.getStatus() != null && c.getStatus().artifact != null && "0.2.0".equals(c.getStatus().artifact.revision);
        });
        assertThat(stack.client().resources(HelmChart.class).inNamespace(NS).withName("demo-from-bucket").get().getStatus()
                .observedSourceArtifactRevision).isEqualTo(get("manifests").getStatus().artifact.revision);
    }

    @Test
    @Order(3)
    void wrongCredentialsKeepTheLastArtifactAndBadInputIsPrecise() throws Exception {
        String revision = get("manifests").getStatus().artifact.revision;
        stack.client().secrets().inNamespace(NS).withName("s3-creds").edit(s -> new SecretBuilder(s).withData(null)
                .withStringData(Map.of("accesskey", ACCESS, "secretkey", "wrong-secret-value")).build());
        requestReconcile("manifests", "wrong-key");
        assertThat(ready("manifests").orElseThrow()).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("AuthenticationFailed");
            assertThat(c.getMessage()).doesNotContain("wrong-secret-value");
        });
        assertThat(get("manifests").getStatus().artifact.revision).isEqualTo(revision);

        create("no-such-bucket", spec -> {
            spec.bucketName = "nope";
            spec.secretRef = new LocalObjectReference("good-creds");
        });
        stack.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("good-creds").withNamespace(NS)
                .endMetadata().withStringData(Map.of("accesskey", ACCESS, "secretkey", SECRET)).build()).create();
        stack.await("no-such-bucket to fail precisely", Duration.ofSeconds(60), () -> ready("no-such-bucket")
                .map(c -> c.getMessage() != null && c.getMessage().contains("bucket 'nope' does not exist")).orElse(false));

        create("with-scheme", spec -> spec.endpoint = "http://127.0.0.1:" + s3.getPort());
        stack.await("with-scheme to stall", Duration.ofSeconds(60), () -> get("with-scheme").getStatus() != null
                && Conditions.isTrue(get("with-scheme").getStatus().conditions, "Stalled"));
        assertThat(ready("with-scheme").orElseThrow().getMessage()).startsWith("spec.endpoint: 'http://127.0.0.1:");
    }
}
