package io.tributary.release.reconcile;

import io.tributary.api.meta.Artifact;
import io.tributary.release.chart.LoadedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Charts downloaded, verified, unpacked and loaded once per artifact digest, for every HelmRelease whose HelmChart
 * has that artifact (Flux makes one HelmChart per HelmRelease, so a thousand releases of one chart share one digest).
 * An artifact is content-addressed: its digest was checked when it was loaded, so the same digest is the same chart.
 * Rendering only reads the chart directory. At most {@code capacity} charts are kept, the least recently used
 * dropped first; a dropped chart's directory goes once the last reconcile using it is done with it.
 */
final class ChartCache implements AutoCloseable {

    /** Loads the chart of an artifact into a directory of its own ({@link ChartLoader#load}). */
    interface Loader {
        LoadedChart load(Artifact artifact, Path dir) throws ChartLoader.ChartLoadException;
    }

    private final Loader loader;
    private final Path root;
    private final int capacity;
    /** By digest, least recently used first; guarded by {@code this}. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long loads;

    ChartCache(Loader loader, Path root, int capacity) {
        this.loader = loader;
        this.root = root;
        this.capacity = Math.max(1, capacity);
    }

    /** A loaded chart, held until closed. */
    static final class Lease implements AutoCloseable {
        private final ChartCache cache;
        private final Entry entry;
        private final LoadedChart chart;

        private Lease(ChartCache cache, Entry entry, LoadedChart chart) {
            this.cache = cache;
            this.entry = entry;
            this.chart = chart;
        }

        LoadedChart chart() {
            return chart;
        }

        @Override
        public void close() {
            cache.release(entry);
        }
    }

    private static final class Entry {
        final Path dir;
        final CompletableFuture<LoadedChart> loaded = new CompletableFuture<>();
        int users;
        boolean dropped;

        Entry(Path dir) {
            this.dir = dir;
        }
    }

    /** The chart of {@code artifact}, loaded by the first caller; the others wait for it. */
    Lease lease(Artifact artifact) throws ChartLoader.ChartLoadException {
        Entry entry;
        boolean first;
        synchronized (this) {
            entry = entries.get(artifact.digest);
            first = entry == null;
            if (first) {
                entry = new Entry(root.resolve("chart-" + ++loads));
                entries.put(artifact.digest, entry);
                dropOverCapacity();
            }
            entry.users++;
        }
        if (first) {
            load(artifact, entry);
        }
        try {
            return new Lease(this, entry, entry.loaded.get());
        } catch (ExecutionException e) {
            release(entry);
            throw e.getCause() instanceof ChartLoader.ChartLoadException failure ? failure
                    : new ChartLoader.ChartLoadException("failed to load chart: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(entry);
            throw new ChartLoader.ChartLoadException("interrupted while loading the chart");
        }
    }

    private void load(Artifact artifact, Entry entry) {
        try {
            entry.loaded.complete(loader.load(artifact, Files.createDirectories(entry.dir)));
        } catch (ChartLoader.ChartLoadException | IOException | RuntimeException e) {
            // not kept: the next reconcile tries again
            synchronized (this) {
                entries.remove(artifact.digest, entry);
                entry.dropped = true;
            }
            entry.loaded.completeExceptionally(e instanceof IOException io
                    ? new ChartLoader.ChartLoadException("cannot create a chart directory: " + io.getMessage()) : e);
        }
    }

    /** How many charts are kept now. */
    synchronized int size() {
        return entries.size();
    }

    private synchronized void release(Entry entry) {
        entry.users--;
        if (entry.dropped && entry.users == 0) {
            delete(entry.dir);
        }
    }

    private void dropOverCapacity() {
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > capacity && oldest.hasNext()) {
            Entry entry = oldest.next().getValue();
            oldest.remove();
            entry.dropped = true;
            if (entry.users == 0) {
                delete(entry.dir);
            }
        }
    }

    @Override
    public synchronized void close() {
        entries.clear();
        delete(root);
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }
}
