package io.tributary.local;

import io.tributary.testsupport.IndexGenerator;
import io.tributary.testsupport.KafkaBroker;
import io.tributary.testsupport.SharedServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chart catalog benchmark (run with {@code -Pbench}; prints figures, asserts nothing). Starts artifact-service as its
 * own process, stores 20 Bitnami-sized indexes (~15,000 entries, ~15 MB each), and reports store time, catalog search
 * times with a cold and a warm cache, and the process's resident memory.
 */
class CatalogBench {

    private static final int REPOSITORIES = Integer.getInteger("bench.repositories", 20);
    private static final String TOKEN = "bench-token";
    private static final String HEAP = System.getProperty("bench.heap", "512m");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twentyBitnamiSizedRepositories() throws Exception {
        KafkaBroker kafka = SharedServers.kafka();
        int[] ports = KafkaBroker.freePorts(2);
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("artifact-service/target/quarkus-app/quarkus-run.jar");
        String base = "http://127.0.0.1:" + ports[0];
        try (ChildProcess service = ChildProcess.start("artifact-service-bench", List.of("-Xmx" + HEAP,
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(), "-Dquarkus.http.port=" + ports[0],
                "-Dquarkus.management.port=" + ports[1], "-Dtributary.artifact.storage-path=" + dir.resolve("store"),
                "-Dtributary.artifact.upload-token=" + TOKEN, "-Dtributary.artifact.advertised-url=" + base),
                List.of("-jar", jar.toString()), dir.resolve("logs"))) {
            awaitReady(ports[1]);
            long idleRss = rss(service.pid());
            List<byte[]> indexes = new ArrayList<>();
            for (int i = 0; i < REPOSITORIES; i++) {
                indexes.add(IndexGenerator.generate(300, 15_000, i + 1).getBytes(StandardCharsets.UTF_8));
            }
            System.out.printf("%nCatalog benchmark: %d repositories, each %.1f MB / ~15,000 entries; artifact-service in its own JVM (-Xmx%s)%n",
                    REPOSITORIES, indexes.get(0).length / 1e6, HEAP);
            List<Double> stores = new ArrayList<>();
            for (int i = 0; i < REPOSITORIES; i++) {
                long start = System.nanoTime();
                upload("repo-" + i, indexes.get(i), base);
                stores.add((System.nanoTime() - start) / 1e6);
            }
            awaitCompactFiles(dir.resolve("store/.catalog"), REPOSITORIES);
            long storedRss = rss(service.pid());
            stores.sort(null);
            System.out.printf("  %-62s %8.0f ms%n", "store one index (upload, sha256, write; median)", stores.get(stores.size() / 2));

            String one = base + "/api/v1/catalog/charts?q=chart-42&repository=bench/repo-7";
            System.out.printf("  %-62s %8.1f ms%n", "search one repository, cold cache (compact form from disk)", time(() -> get(one)));
            System.out.printf("  %-62s %8.1f ms%n", "search one repository, warm cache (median of 20)", median(20, () -> get(one)));
            String all = base + "/api/v1/catalog/charts?q=chart-1&limit=50";
            System.out.printf("  %-62s %8.1f ms%n", "search all " + REPOSITORIES + " repositories, first time", time(() -> get(all)));
            System.out.printf("  %-62s %8.1f ms%n", "search all " + REPOSITORIES + " repositories again (median of 5)", median(5, () -> get(all)));
            String versions = base + "/api/v1/catalog/repositories/bench/repo-3/charts/chart-3-4/versions/0.4.2";
            System.out.printf("  %-62s %8.1f ms%n", "one version's metadata (median of 20)", median(20, () -> get(versions)));
            long loadedRss = rss(service.pid());
            System.out.printf("  %-62s %8.0f MB%n", "RSS idle", idleRss / 1e6);
            System.out.printf("  %-62s %8.0f MB%n", "RSS with " + REPOSITORIES + " indexes stored", storedRss / 1e6);
            System.out.printf("  %-62s %8.0f MB%n", "RSS after searching all of them (hot budget 200,000 versions)", loadedRss / 1e6);
            System.out.printf("  %-62s %8.0f MB%n%n", "live heap after a full GC (jcmd GC.run; GC.heap_info)", liveHeap(service.pid()) / 1e6);
        }
    }

    private void upload(String name, byte[] index, String base) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/helmrepository/bench/" + name
                        + "/index-" + hex + ".yaml?objectKind=HelmRepository&revision=sha256:" + hex + "&alias=index.yaml"))
                .header("Content-Type", "application/octet-stream").header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(index)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
    }

    private Object get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double time(Callable<Object> action) throws Exception {
        long start = System.nanoTime();
        action.call();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(int runs, Callable<Object> action) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(time(action));
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private static long liveHeap(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(output);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private void awaitReady(int managementPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("artifact-service did not start; see " + dir.resolve("logs"));
    }

    private static void awaitCompactFiles(Path cache, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(cache)) {
                try (Stream<Path> files = Files.list(cache)) {
                    if (files.filter(f -> f.toString().endsWith(".idx")).count() >= count) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the catalog did not pre-parse " + count + " indexes");
    }
}
