package io.tributary.helm.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testsupport.IndexGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Index parsing benchmark (run with {@code -Pbench}; prints figures, asserts nothing): a Bitnami-sized index (~15,000
 * entries, ~15 MB) through the streaming reader, through a full YAML tree (what a naive reader does), and the compact
 * form written and read back. Allocation is counted per parse with the JVM's per-thread allocation counter.
 */
class IndexParseBench {

    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    @Test
    void parseABitnamiSizedIndex() throws Exception {
        String yaml = IndexGenerator.generate(300, 15_000, 1);
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        System.out.printf("%nHelm index benchmark: %d entries, %.1f MB of YAML, median of %d runs%n",
                HelmIndexReader.read(new ByteArrayInputStream(bytes)).versionCount(), bytes.length / 1e6, RUNS);

        measure("HelmIndexReader (block reader, YAML parser as fallback)", () -> HelmIndexReader.read(new ByteArrayInputStream(bytes)));
        measure("general parser alone (the fallback path)", () -> HelmIndexReader.readGeneral(new ByteArrayInputStream(bytes)));
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        ObjectMapper tree = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        measure("full YAML tree (Jackson readTree), for comparison", () -> tree.readTree(bytes));
        measure("SnakeYAML events only, for comparison", () -> {
            int n = 0;
            for (var e : new org.yaml.snakeyaml.Yaml(options).parse(new java.io.InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
                n++;
            }
            return n;
        });

        HelmIndex index = HelmIndexReader.read(new ByteArrayInputStream(bytes));
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        CompactIndex.write(index, compact);
        byte[] compactBytes = compact.toByteArray();
        measure("compact form write (" + compactBytes.length / 1_000_000.0 + " MB)", () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(compactBytes.length);
            CompactIndex.write(index, out);
            return out;
        });
        measure("compact form read (the catalog's cold load)", () -> CompactIndex.read(new ByteArrayInputStream(compactBytes)));

        java.nio.file.Path file = java.nio.file.Files.createTempFile("bench-index", ".yaml");
        java.nio.file.Path compactFile = java.nio.file.Files.createTempFile("bench-index", ".idx");
        java.nio.file.Files.write(file, bytes);
        System.gc();
        List<java.lang.management.MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
        heapPools.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        HelmIndex fromFile = HelmIndexReader.read(file);
        try (var out = java.nio.file.Files.newOutputStream(compactFile)) {
            CompactIndex.write(fromFile, out);
        }
        double parseAndStore = (System.nanoTime() - start) / 1e6;
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("  %-58s %8.0f ms %8.0f MB peak heap (upper bound: uncollected garbage included)%n",
                "parse from file + store the compact form", parseAndStore, peak / 1e6);
        java.nio.file.Files.delete(file);
        java.nio.file.Files.delete(compactFile);

        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();
        List<HelmIndex> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(CompactIndex.read(new ByteArrayInputStream(compactBytes)));
        }
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("  %-58s %8.1f MB%n%n", "retained heap per parsed index (5 held)", (after - before) / 5 / 1e6);
        held.clear();
    }

    private static void measure(String what, Callable<Object> action) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        action.call(); // warm-up
        List<Double> times = new ArrayList<>();
        long allocated = 0;
        for (int i = 0; i < RUNS; i++) {
            long bytesBefore = threads.getThreadAllocatedBytes(id);
            long start = System.nanoTime();
            action.call();
            times.add((System.nanoTime() - start) / 1e6);
            allocated = threads.getThreadAllocatedBytes(id) - bytesBefore;
        }
        times.sort(null);
        System.out.printf("  %-58s %8.0f ms %8.0f MB allocated%n", what, times.get(times.size() / 2), allocated / 1e6);
    }
}
