package io.tributary.fetcher.source.helm;

import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a chart package ({@code <chart>/...} in a gzipped tar) pulled from a repository, trusting nothing in it:
 * absolute names, {@code ..}, links of any kind, more than one top-level directory, files over the per-file limit and
 * more unpacked bytes than the total limit (a gzip bomb stops at the limit, not at the end) are refused, and nothing is
 * ever written outside the target directory.
 */
public final class ChartArchive {

    /** Size limits for one package. */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxEntries) {
    }

    private ChartArchive() {
    }

    /** Unpacks the chart's files into {@code target} (its top-level directory stripped); returns that directory's name. */
    public static String extract(Path archive, Path target, Limits limits, String what) throws IOException, FetchFailure {
        Path root = Files.createDirectories(target).toRealPath();
        String top = null;
        long total = 0;
        int entries = 0;
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName().replace('\\', '/');
                if (++entries > limits.maxEntries()) {
                    throw invalid(what + " has more than " + limits.maxEntries() + " entries");
                }
                checkEntry(entry, name, what);
                String clean = name.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
                if (clean.isEmpty()) {
                    continue;
                }
                int slash = clean.indexOf('/');
                String first = slash < 0 ? clean : clean.substring(0, slash);
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw invalid(what + ": entries outside the chart directory '" + top + "/' ('" + name + "')");
                }
                if (slash < 0) {
                    if (entry.isFile()) {
                        throw invalid(what + ": file '" + name + "' is not inside a chart directory");
                    }
                    continue;
                }
                Path out = root.resolve(clean.substring(slash + 1)).normalize();
                if (!out.startsWith(root)) {
                    throw invalid(what + ": entry '" + name + "' escapes the chart directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                if (entry.getSize() > limits.maxFileBytes()) {
                    throw invalid(what + ": file '" + name + "' is " + entry.getSize() + " bytes, over the limit of " + limits.maxFileBytes());
                }
                Files.createDirectories(out.getParent());
                total = copy(tar, out, total, limits, what, name);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException corrupt) {
            throw invalid(what + " is not a valid gzipped tar: " + corrupt.getMessage());
        }
        if (top == null) {
            throw invalid(what + " is empty");
        }
        if (!Files.isRegularFile(root.resolve("Chart.yaml"))) {
            throw invalid(what + " has no Chart.yaml in '" + top + "/'");
        }
        return top;
    }

    /** Refuses absolute names, {@code ..}, links and anything but regular files and directories. */
    private static void checkEntry(TarArchiveEntry entry, String name, String what) throws FetchFailure {
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw invalid(what + ": entry '" + name + "' has an absolute path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw invalid(what + ": entry '" + name + "' escapes the chart directory");
            }
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw invalid(what + ": entry '" + name + "' is a link (to '" + entry.getLinkName() + "'); links are not allowed in charts");
        }
        if (!entry.isFile() && !entry.isDirectory()) {
            throw invalid(what + ": entry '" + name + "' is not a regular file or directory");
        }
    }

    private static long copy(InputStream in, Path out, long total, Limits limits, String what, String name) throws IOException, FetchFailure {
        byte[] buffer = new byte[65536];
        long written = 0;
        try (OutputStream file = Files.newOutputStream(out)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                total += n;
                if (written > limits.maxFileBytes()) {
                    throw invalid(what + ": file '" + name + "' is over the limit of " + limits.maxFileBytes() + " bytes");
                }
                if (total > limits.maxTotalBytes()) {
                    throw invalid(what + " unpacks to more than " + limits.maxTotalBytes() + " bytes");
                }
                file.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static FetchFailure invalid(String message) {
        return new FetchFailure(Reasons.CHART_PULL_ERROR, message, false);
    }
}
