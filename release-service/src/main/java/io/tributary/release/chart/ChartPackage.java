package io.tributary.release.chart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Unpacks a chart package (tgz with one top directory) safely and returns the chart's directory. */
public final class ChartPackage {

    private ChartPackage() {
    }

    public static Path unpack(Path tgz, Path target, long maxFileBytes) throws IOException {
        Path root = Files.createDirectories(target).toRealPath();
        String top = null;
        try (InputStream in = Files.newInputStream(tgz);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new IOException("chart entry '" + entry.getName() + "' escapes the chart directory");
                }
                String first = root.relativize(out).getName(0).toString();
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw new IOException("chart package has more than one top-level directory: '" + top + "' and '" + first + "'");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile() && !entry.isSymbolicLink() && !entry.isLink()) {
                    if (entry.getSize() > maxFileBytes) {
                        throw new IOException("chart file '" + entry.getName() + "' is over the limit of " + maxFileBytes + " bytes");
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                }
            }
        }
        if (top == null || !Files.isRegularFile(root.resolve(top).resolve("Chart.yaml"))) {
            throw new IOException("chart package has no Chart.yaml");
        }
        return root.resolve(top);
    }
}
