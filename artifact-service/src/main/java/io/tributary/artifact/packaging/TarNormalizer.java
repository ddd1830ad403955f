package io.tributary.artifact.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Rewrites an uploaded tar stream (plain or gzip-compressed) into Tributary's deterministic tar.gz: entries in strictly
 * increasing lexical order, regular files and directories only, uid/gid 0, empty owner names, zero timestamps, modes
 * normalised (directories 0750, files 0600, executables 0700). The digest is computed while writing, so the same tree
 * always gives byte-identical output.
 *
 * <p>Symbolic links are dropped, as Flux drops them when it archives a tree; hard links, devices, pipes and sparse files
 * are refused. An archive with no entries is valid and gives the empty artifact (Flux archives an empty directory the
 * same way); an empty body is not an archive.
 */
public final class TarNormalizer {

    private static final int DIR_MODE = 040750;
    private static final int FILE_MODE = 0100600;
    private static final int EXEC_MODE = 0100700;

    private final ArchiveLimits limits;

    public TarNormalizer(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** The outcome of packaging: digest {@code sha256:<hex>}, compressed size and the number of entries kept. */
    public record Result(String digest, long size, int entries) {
    }

    /**
     * Reads the tar {@code input} and writes the normalised gzip tarball to {@code output}.
     *
     * @throws InvalidArchiveException when the body is not a tar archive, or an entry is unsafe, out of order or over a limit
     * @throws BodyReadException when the body cannot be read to its end
     */
    public Result normalize(InputStream input, OutputStream output) throws IOException {
        ArchiveInput archive = ArchiveInput.open(input, limits.maxArchiveBytes());
        StrictTarReader tar = new StrictTarReader(archive.stream());
        MessageDigest sha256 = sha256();
        CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(output, sha256));
        int kept = 0;
        try (GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(counted), 64 * 1024);
                TarArchiveOutputStream out = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Tally tally = new Tally(limits);
            TarArchiveEntry entry;
            while ((entry = tar.next()) != null) {
                tally.countEntry();
                EntryType type = entry.isSparse() ? EntryType.SPARSE : EntryType.of(entry.getLinkFlag(), entry.getName());
                String name = EntryNames.normalize(entry.getName(), type == EntryType.DIRECTORY, limits.maxPathDepth(),
                        limits.maxPathBytes());
                if (keep(type, name, entry, tally)) {
                    copyEntry(tar, entry, type, name, out);
                    kept++;
                }
            }
            archive.checkTrailer(tar.getBytesRead());
            out.finish();
        }
        return new Result("sha256:" + HexFormat.of().formatHex(sha256.digest()), counted.count(), kept);
    }

    /** Whether the entry goes into the artifact; refuses what cannot, and checks order and sizes. */
    private static boolean keep(EntryType type, String name, TarArchiveEntry entry, Tally tally) throws InvalidArchiveException {
        if (type == EntryType.DIRECTORY && name.equals(EntryNames.ROOT)) {
            return false;
        }
        if (type != EntryType.DIRECTORY && type != EntryType.FILE && type != EntryType.SYMLINK) {
            throw new InvalidArchiveException("entry '" + EntryNames.printable(name) + "' is " + type.describe()
                    + ", which an artifact cannot hold");
        }
        tally.order.accept(name, type == EntryType.FILE);
        if (type == EntryType.FILE) {
            tally.countFile(name, entry.getSize());
        }
        return type != EntryType.SYMLINK;
    }

    /** Writes the entry with normalised headers, and its content for a file. */
    private static void copyEntry(StrictTarReader tar, TarArchiveEntry entry, EntryType type, String name, TarArchiveOutputStream out)
            throws IOException {
        TarArchiveEntry normalized = new TarArchiveEntry(name);
        normalized.setModTime(0);
        normalized.setUserId(0);
        normalized.setGroupId(0);
        normalized.setUserName("");
        normalized.setGroupName("");
        if (type == EntryType.DIRECTORY) {
            normalized.setMode(DIR_MODE);
        } else {
            normalized.setMode((entry.getMode() & 0111) != 0 ? EXEC_MODE : FILE_MODE);
            normalized.setSize(entry.getSize());
        }
        out.putArchiveEntry(normalized);
        if (type == EntryType.FILE) {
            tar.copyContent(name, entry.getSize(), out);
        }
        out.closeArchiveEntry();
    }

    /** Running counts against the limits. */
    private static final class Tally {
        final EntryOrder order = new EntryOrder();
        private final ArchiveLimits limits;
        private int entries;
        private long treeBytes;

        Tally(ArchiveLimits limits) {
            this.limits = limits;
        }

        void countEntry() throws InvalidArchiveException {
            if (++entries > limits.maxEntries()) {
                throw new InvalidArchiveException("the archive has more than " + limits.maxEntries()
                        + " entries (tributary.artifact.max-entries)");
            }
        }

        void countFile(String name, long size) throws InvalidArchiveException {
            if (size > limits.maxEntryBytes()) {
                throw new InvalidArchiveException("entry '" + EntryNames.printable(name) + "' is " + size
                        + " bytes, over the limit of " + limits.maxEntryBytes() + " (tributary.artifact.max-entry-bytes)");
            }
            treeBytes += size;
            if (treeBytes > limits.maxTreeBytes()) {
                throw new InvalidArchiveException("archive content exceeds the limit of " + limits.maxTreeBytes()
                        + " bytes (tributary.artifact.max-tree-bytes)");
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    /** Lets the gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
