package io.tributary.release.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.meta.Artifact;
import io.tributary.release.chart.LoadedChart;
import io.tributary.release.storage.HelmReleaseRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartCacheTest {

    @TempDir
    Path root;
    private final AtomicInteger loads = new AtomicInteger();

    /** Writes a marker file into the chart directory, as unpacking would. */
    private LoadedChart load(Artifact artifact, Path dir) throws ChartLoader.ChartLoadException {
        loads.incrementAndGet();
        if (artifact.digest.startsWith("bad")) {
            throw new ChartLoader.ChartLoadException("not a chart");
        }
        try {
            Files.writeString(dir.resolve("Chart.yaml"), "name: " + artifact.digest);
        } catch (java.io.IOException e) {
            throw new ChartLoader.ChartLoadException(e.getMessage());
        }
        return new LoadedChart(dir, new HelmReleaseRecord.Chart(Map.of("name", artifact.digest), List.of(), Map.of(), List.of()), List.of());
    }

    private static Artifact artifact(String digest) {
        Artifact a = new Artifact();
        a.digest = digest;
        a.url = "http://artifacts/" + digest;
        return a;
    }

    @Test
    void oneDigestIsLoadedOnceHoweverManyReconcilesAskAtOnce() throws Exception {
        ChartCache cache = new ChartCache(this::load, root, 4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> dirs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                dirs.add(pool.submit(() -> {
                    try (ChartCache.Lease lease = cache.lease(artifact("sha256:aaa"))) {
                        return lease.chart().dir();
                    }
                }));
            }
            for (Future<Path> dir : dirs) {
                assertThat(dir.get()).isEqualTo(dirs.get(0).get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void anotherDigestIsAnotherChart() throws Exception {
        ChartCache cache = new ChartCache(this::load, root, 4);
        try (ChartCache.Lease a = cache.lease(artifact("sha256:aaa")); ChartCache.Lease b = cache.lease(artifact("sha256:bbb"))) {
            assertThat(a.chart().dir()).isNotEqualTo(b.chart().dir());
            assertThat(Files.readString(b.chart().dir().resolve("Chart.yaml"))).isEqualTo("name: sha256:bbb");
        }
        assertThat(loads).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedGoesOverCapacityButNotWhileInUse() throws Exception {
        ChartCache cache = new ChartCache(this::load, root, 1);
        Path first;
        try (ChartCache.Lease a = cache.lease(artifact("sha256:aaa"))) {
            first = a.chart().dir();
            try (ChartCache.Lease b = cache.lease(artifact("sha256:bbb"))) {
                assertThat(cache.size()).isEqualTo(1);
                // dropped from the cache, but still rendered from by the reconcile holding it
                assertThat(first.resolve("Chart.yaml")).exists();
            }
        }
        assertThat(first).doesNotExist();
        try (ChartCache.Lease again = cache.lease(artifact("sha256:aaa"))) {
            assertThat(again.chart().dir()).isNotEqualTo(first);
        }
        assertThat(loads).hasValue(3);
    }

    @Test
    void aFailedLoadIsNotKept() {
        ChartCache cache = new ChartCache(this::load, root, 4);
        assertThatThrownBy(() -> cache.lease(artifact("bad-digest"))).isInstanceOf(ChartLoader.ChartLoadException.class)
                .hasMessage("not a chart");
        assertThatThrownBy(() -> cache.lease(artifact("bad-digest"))).isInstanceOf(ChartLoader.ChartLoadException.class);
        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void closingDeletesEveryChart() throws Exception {
        ChartCache cache = new ChartCache(this::load, root.resolve("cache"), 4);
        try (ChartCache.Lease a = cache.lease(artifact("sha256:aaa"))) {
            assertThat(a.chart().dir()).exists();
        }
        cache.close();
        assertThat(root.resolve("cache")).doesNotExist();
    }
}
