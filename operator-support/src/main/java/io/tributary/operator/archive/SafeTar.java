package io.tributary.operator.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The one extractor of gzipped tars (chart packages, source artifacts) in every service, trusting nothing in them:
 * absolute names, {@code ..}, links of any kind, devices, more entries, deeper paths, bigger files or more unpacked
 * bytes than the limits allow (a gzip bomb stops at the limit, not at its end) are refused, and nothing is ever written
 * outside the target directory.
 */
public final class SafeTar {

    /** Caps for one archive. */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxEntries, int maxDepth) {
    }

    /** The archive is refused; the message names it and the reason. */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    private static final java.util.Set<Byte> REGULAR = java.util.Set.of(TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM,
            TarConstants.LF_CONTIG);

    private SafeTar() {
    }

    /**
     * Extracts the files under {@code directory} ("" for all) of {@code archive} into {@code target}, that prefix
     * stripped; returns how many files were written.
     */
    public static int extract(Path archive, String directory, Path target, Limits limits, String what) throws IOException {
        String prefix = directory.isEmpty() || directory.equals(".") ? "" : directory.replaceAll("/+$", "") + "/";
        return unpack(archive, target, limits, what, name -> name.startsWith(prefix) && !name.equals(prefix)
                ? name.substring(prefix.length()) : null);
    }

    /**
     * Extracts a chart package: every entry under one top-level directory, which is stripped; returns its name.
     * Refuses packages with entries outside it or without a {@code Chart.yaml}.
     */
    public static String extractChart(Path archive, Path target, Limits limits, String what) throws IOException {
        String[] top = new String[1];
        unpack(archive, target, limits, what, name -> {
            int slash = name.indexOf('/');
            String first = slash < 0 ? name : name.substring(0, slash);
            if (top[0] == null) {
                top[0] = first;
            } else if (!top[0].equals(first)) {
                throw new Refused(what + ": entries outside the chart directory '" + top[0] + "/' ('" + name + "')");
            }
            return slash < 0 ? "" : name.substring(slash + 1);
        });
        if (top[0] == null) {
            throw new Refused(what + " is empty");
        }
        if (!Files.isRegularFile(target.resolve("Chart.yaml"))) {
            throw new Refused(what + " has no Chart.yaml in '" + top[0] + "/'");
        }
        return top[0];
    }

    /** Where an entry goes, relative to the target: null to skip it, "" for the target itself. */
    @FunctionalInterface
    private interface Placement {
        String relative(String cleanName) throws Refused;
    }

    private static int unpack(Path archive, Path target, Limits limits, String what, Placement placement) throws IOException {
        Path root = Files.createDirectories(target).toRealPath();
        long total = 0;
        int entries = 0;
        int files = 0;
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 65536))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new Refused(what + " has more than " + limits.maxEntries() + " entries");
                }
                String name = check(entry, limits, what);
                if (name.isEmpty()) {
                    continue;
                }
                String relative = placement.relative(name);
                if (relative == null || relative.isEmpty()) {
                    if (relative != null && entry.isFile()) {
                        throw new Refused(what + ": file '" + name + "' is not inside a directory");
                    }
                    continue;
                }
                Path out = root.resolve(relative).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new Refused(what + ": entry '" + name + "' escapes the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                total = copy(tar, out, total, limits, what, name);
                files++;
            }
        } catch (ZipException | EOFException corrupt) {
            throw new Refused(what + " is not a valid gzipped tar: " + corrupt.getMessage());
        } catch (IllegalArgumentException corrupt) {
            // commons-compress reports malformed headers this way
            throw new Refused(what + " has a malformed tar header: " + corrupt.getMessage());
        }
        return files;
    }

    /** The entry's name without a leading {@code ./} or trailing {@code /}; refuses what may never be unpacked. */
    private static String check(TarArchiveEntry entry, Limits limits, String what) throws Refused {
        String name = entry.getName();
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw new Refused(what + ": entry '" + name.replace('\0', '?') + "' has a NUL or backslash in its name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new Refused(what + ": entry '" + name + "' has an absolute path");
        }
        String clean = name.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        String[] parts = clean.split("/");
        for (String part : parts) {
            if (part.equals("..")) {
                throw new Refused(what + ": entry '" + name + "' escapes the target directory");
            }
        }
        if (parts.length > limits.maxDepth()) {
            throw new Refused(what + ": entry '" + name + "' is nested deeper than " + limits.maxDepth() + " levels");
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw new Refused(what + ": entry '" + name + "' is a link (to '" + entry.getLinkName() + "'); links are not allowed");
        }
        // commons-compress calls every non-directory a file, devices and FIFOs included: check the type itself
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || entry.isSparse()
                || (!entry.isDirectory() && !REGULAR.contains(entry.getLinkFlag()))) {
            throw new Refused(what + ": entry '" + name + "' is not a regular file or directory");
        }
        if (entry.isFile() && entry.getSize() > limits.maxFileBytes()) {
            throw new Refused(what + ": file '" + name + "' is " + entry.getSize() + " bytes, over the limit of " + limits.maxFileBytes());
        }
        return clean;
    }

    private static long copy(InputStream in, Path out, long total, Limits limits, String what, String name) throws IOException {
        if (Files.exists(out)) {
            throw new Refused(what + ": entry '" + name + "' appears twice");
        }
        byte[] buffer = new byte[65536];
        long written = 0;
        try (OutputStream file = Files.newOutputStream(out)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                total += n;
                if (written > limits.maxFileBytes()) {
                    throw new Refused(what + ": file '" + name + "' is over the limit of " + limits.maxFileBytes() + " bytes");
                }
                if (total > limits.maxTotalBytes()) {
                    throw new Refused(what + " unpacks to more than " + limits.maxTotalBytes() + " bytes");
                }
                file.write(buffer, 0, n);
            }
        }
        return total;
    }
}
