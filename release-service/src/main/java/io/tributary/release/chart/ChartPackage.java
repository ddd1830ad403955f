package io.tributary.release.chart;

import io.tributary.operator.archive.SafeTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks a chart package (tgz with one top directory) with the one safe extractor and returns the chart's directory;
 * packed subcharts ({@code charts/*.tgz}) are unpacked in place, so that every template of the release, hooks of
 * subcharts included, is on disk to be read before rendering.
 */
public final class ChartPackage {

    /** More nested charts than any real chart has; beyond this a package is refused. */
    static final int MAX_SUBCHART_ARCHIVES = 256;

    private ChartPackage() {
    }

    public static Path unpack(Path tgz, Path target, SafeTar.Limits limits) throws IOException {
        SafeTar.extractChart(tgz, target, limits, "chart package");
        expandSubcharts(target, limits);
        return target;
    }

    /**
     * Replaces each {@code charts/<name>.tgz} under {@code chartDir}, at any depth, by the directory
     * {@code charts/<name>/} it holds, as Helm's loader would read it. All of them together stay within
     * {@code limits.maxTotalBytes} with the chart around them.
     */
    public static void expandSubcharts(Path chartDir, SafeTar.Limits limits) throws IOException {
        int expanded = 0;
        List<Path> pending = archives(chartDir);
        while (!pending.isEmpty()) {
            List<Path> next = new ArrayList<>();
            for (Path archive : pending) {
                if (++expanded > MAX_SUBCHART_ARCHIVES) {
                    throw new SafeTar.Refused("chart package: more than " + MAX_SUBCHART_ARCHIVES + " packed subcharts");
                }
                String file = archive.getFileName().toString();
                Path target = archive.resolveSibling(file.substring(0, file.length() - ".tgz".length()));
                for (int n = 2; Files.exists(target); n++) {
                    target = archive.resolveSibling(file.substring(0, file.length() - ".tgz".length()) + "-" + n);
                }
                long remaining = limits.maxTotalBytes() - size(chartDir);
                String what = "subchart '" + chartDir.relativize(archive).toString().replace('\\', '/') + "'";
                if (remaining <= 0) {
                    throw new SafeTar.Refused(what + ": the chart package unpacks to more than " + limits.maxTotalBytes() + " bytes");
                }
                SafeTar.extractChart(archive, target, new SafeTar.Limits(limits.maxFileBytes(), remaining, limits.maxEntries(),
                        limits.maxDepth()), what);
                Files.delete(archive);
                next.addAll(archives(target));
            }
            pending = next;
        }
    }

    /** The packed charts directly in {@code chartDir/charts}. */
    private static List<Path> archives(Path chartDir) throws IOException {
        Path charts = chartDir.resolve("charts");
        if (!Files.isDirectory(charts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(charts)) {
            List<Path> archives = new ArrayList<>(files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".tgz"))
                    .sorted().toList());
            // subchart directories may hold packed charts of their own
            try (Stream<Path> dirs = Files.list(charts)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    archives.addAll(archives(dir));
                }
            }
            return archives;
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }
}
