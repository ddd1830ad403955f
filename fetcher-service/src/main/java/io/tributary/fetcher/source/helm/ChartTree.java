package io.tributary.fetcher.source.helm;

import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Extracts one directory of a source artifact (a tar.gz) safely: nothing may land outside the target. */
public final class ChartTree {

    private ChartTree() {
    }

    /** Normalises {@code spec.chart} to a relative directory such as {@code charts/demo}. */
    public static String chartDirectory(String chartPath) throws FetchFailure {
        if (chartPath == null || chartPath.isBlank()) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.chart: must not be empty", true);
        }
        String path = chartPath.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        path = path.replaceAll("/+$", "");
        if (path.startsWith("/") || path.equals("..") || path.startsWith("../") || path.contains("/../") || path.endsWith("/..")) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.chart: path '" + chartPath + "' escapes the source artifact", true);
        }
        return path;
    }

    /** Extracts the entries under {@code directory} of {@code artifact} into {@code target}; returns false if none. */
    public static boolean extract(Path artifact, String directory, Path target, long maxFileBytes) throws IOException, FetchFailure {
        String prefix = directory.isEmpty() || directory.equals(".") ? "" : directory + "/";
        Path root = Files.createDirectories(target).toRealPath();
        boolean found = false;
        try (InputStream file = Files.newInputStream(artifact);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.equals(prefix)) {
                    continue;
                }
                Path out = root.resolve(name.substring(prefix.length())).normalize();
                if (!out.startsWith(root)) {
                    throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "artifact entry '" + name + "' escapes the chart directory", true);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile() && !entry.isSymbolicLink() && !entry.isLink()) {
                    if (entry.getSize() > maxFileBytes) {
                        throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, "chart file '" + name + "' is " + entry.getSize()
                                + " bytes, over the limit of " + maxFileBytes, true);
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    found = true;
                }
            }
        }
        return found;
    }
}
