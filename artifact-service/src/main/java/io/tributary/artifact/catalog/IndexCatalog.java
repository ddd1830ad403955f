package io.tributary.artifact.catalog;

import io.tributary.artifact.ArtifactConfig;
import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore;
import io.tributary.helm.index.CompactIndex;
import io.tributary.helm.index.HelmIndex;
import io.tributary.helm.index.HelmIndexReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The HelmRepository indexes artifact-service stores, parsed, with a two-level cache. Hot: recently used indexes in
 * memory, bounded by their total number of chart versions, least recently used evicted first. Cold: every index ever
 * parsed, on disk in {@link CompactIndex} form keyed by its digest, which loads without YAML parsing. Answers come only
 * from stored artifacts, never from the remote repositories.
 */
@ApplicationScoped
public class IndexCatalog {

    /** The stable link a HelmRepository's latest index is stored under. */
    public static final String INDEX = "index.yaml";
    public static final String KIND = "helmrepository";
    private static final Logger LOG = Logger.getLogger(IndexCatalog.class);

    /** A repository's index at one digest. */
    public record Repository(String namespace, String name, String digest, HelmIndex index) {
    }

    private record Hot(String digest, HelmIndex index, int weight) {
    }

    @Inject
    ArtifactStore store;
    @Inject
    ArtifactConfig config;

    private final Map<String, Hot> hot = new LinkedHashMap<>(16, 0.75f, true);
    private long hotWeight;
    private long coldLoads;
    private long parses;
    private final ExecutorService warmer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "catalog-warmer");
        t.setDaemon(true);
        return t;
    });

    /** Removes the temporary files of compact indexes whose writing a killed process interrupted. */
    void clearLeftovers(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) throws IOException {
        Path dir = cacheDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains(".tmp-")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Every HelmRepository with a stored index: {@code [namespace, name]}. */
    public List<String[]> repositories() throws IOException {
        List<String[]> result = new ArrayList<>();
        for (String[] object : store.objects(KIND)) {
            if (store.resolveLink(new ArtifactKey(KIND, object[0], object[1], INDEX)).isPresent()) {
                result.add(object);
            }
        }
        return result;
    }

    /** The repository's latest stored index, parsed; empty when it has none. */
    public Optional<Repository> repository(String namespace, String name) throws IOException {
        Optional<ArtifactKey> target = store.resolveLink(new ArtifactKey(KIND, namespace, name, INDEX));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Optional<ArtifactStore.Stored> stored = store.stat(target.get());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String digest = stored.get().digest();
        String key = namespace + "/" + name;
        synchronized (this) {
            Hot cached = hot.get(key);
            if (cached != null && cached.digest().equals(digest)) {
                return Optional.of(new Repository(namespace, name, digest, cached.index()));
            }
        }
        HelmIndex index = load(target.get(), digest);
        remember(key, new Hot(digest, index, Math.max(1, index.versionCount())));
        return Optional.of(new Repository(namespace, name, digest, index));
    }

    /**
     * Parses a newly stored index into its compact form in the background, so the first query finds it cold, not raw;
     * then drops compact files no repository's latest index uses any more.
     */
    public void warm(ArtifactKey stored, String digest) {
        warmer.execute(() -> {
            try {
                load(stored, digest);
                prune();
            } catch (Exception e) {
                LOG.debugf("could not pre-parse %s: %s", stored.path(), e.getMessage());
            }
        });
    }

    /** Deletes the compact files of digests that no repository's latest index has. */
    void prune() throws IOException {
        Path dir = cacheDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        java.util.Set<String> current = new java.util.HashSet<>();
        for (String[] object : store.objects(KIND)) {
            Optional<ArtifactKey> target = store.resolveLink(new ArtifactKey(KIND, object[0], object[1], INDEX));
            if (target.isPresent()) {
                store.stat(target.get()).ifPresent(stat -> current.add(stat.digest().replace("sha256:", "") + ".idx"));
            }
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".idx")).toList()) {
                if (!current.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Waits until indexes queued by {@link #warm} are parsed. */
    public void awaitWarmed() throws InterruptedException {
        try {
            warmer.submit(() -> { }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counters: cold loads from the compact form, full YAML parses, indexes and versions held hot. */
    public synchronized Map<String, Long> stats() {
        return Map.of("coldLoads", coldLoads, "parses", parses, "hotIndexes", (long) hot.size(), "hotVersions", hotWeight);
    }

    /** Forgets everything held in memory (the compact files stay). */
    public synchronized void dropHot() {
        hot.clear();
        hotWeight = 0;
    }

    private HelmIndex load(ArtifactKey target, String digest) throws IOException {
        Path compact = cacheDir().resolve(digest.replace("sha256:", "") + ".idx");
        if (Files.isRegularFile(compact)) {
            try (InputStream in = Files.newInputStream(compact)) {
                HelmIndex index = CompactIndex.read(in);
                synchronized (this) {
                    coldLoads++;
                }
                return index;
            } catch (IOException unreadable) {
                Files.deleteIfExists(compact);
            }
        }
        HelmIndex index;
        try (InputStream in = store.open(target).orElseThrow(() -> new IOException("index artifact " + target.path() + " is gone"))) {
            index = HelmIndexReader.read(in);
        }
        synchronized (this) {
            parses++;
        }
        Files.createDirectories(compact.getParent());
        Path temp = compact.resolveSibling(compact.getFileName() + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = Files.newOutputStream(temp)) {
            CompactIndex.write(index, out);
        }
        try {
            Files.move(temp, compact, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, compact, StandardCopyOption.REPLACE_EXISTING);
        }
        return index;
    }

    private synchronized void remember(String key, Hot entry) {
        Hot previous = hot.put(key, entry);
        if (previous != null) {
            hotWeight -= previous.weight();
        }
        hotWeight += entry.weight();
        long limit = config.catalog().hotVersions();
        Iterator<Map.Entry<String, Hot>> eldest = hot.entrySet().iterator();
        while (hotWeight > limit && hot.size() > 1 && eldest.hasNext()) {
            Map.Entry<String, Hot> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            hotWeight -= e.getValue().weight();
            eldest.remove();
        }
    }

    private Path cacheDir() {
        return Path.of(config.catalog().cachePath().orElse(config.storagePath() + "/.catalog"));
    }
}
