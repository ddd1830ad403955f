package io.tributary.artifact.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Rewrites an uploaded tar stream into Tributary's deterministic tar.gz: entries in strictly increasing
 * lexical order, regular files and directories only, uid/gid 0, empty owner names, zero timestamps,
 * modes normalised (directories 0750, files 0600, executables 0700). The digest is computed while writing,
 * so the same tree always gives byte-identical output.
 */
public final class TarNormalizer {

    private static final int DIR_MODE = 040750;
    private static final int FILE_MODE = 0100600;
    private static final int EXEC_MODE = 0100700;

    private final long maxEntryBytes;
    private final long maxTotalBytes;

    public TarNormalizer(long maxEntryBytes, long maxTotalBytes) {
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** The outcome of packaging: digest {@code sha256:<hex>}, compressed size and entry count. */
    public record Result(String digest, long size, int entries) {
    }

    /**
     * Reads the tar {@code input} and writes the normalised gzip tarball to {@code output}.
     *
     * @throws InvalidArchiveException when an entry is unsafe, out of order or over the size limits
     */
    public Result normalize(InputStream input, OutputStream output) throws IOException {
        MessageDigest sha256 = sha256();
        CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(output, sha256));
        int entries = 0;
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(input);
                GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(counted), 64 * 1024);
                TarArchiveOutputStream out = new TarArchiveOutputStream(gzip)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String previous = null;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isDirectory() && !isRegularFile(entry)) {
                    continue; // symlinks, hard links and devices never enter an artifact
                }
                String name = checkedName(entry, previous);
                total += entry.isDirectory() ? 0 : entry.getSize();
                if (total > maxTotalBytes) {
                    throw new InvalidArchiveException("archive content exceeds the limit of " + maxTotalBytes + " bytes");
                }
                copyEntry(tar, entry, name, out);
                previous = name;
                entries++;
            }
            out.finish();
        }
        return new Result("sha256:" + HexFormat.of().formatHex(sha256.digest()), counted.count(), entries);
    }

    /** The entry's clean name; it must sort after {@code previous} and fit the per-entry limit. */
    private String checkedName(TarArchiveEntry entry, String previous) throws InvalidArchiveException {
        String name = EntryNames.normalize(entry.getName(), entry.isDirectory());
        if (previous != null && name.compareTo(previous) <= 0) {
            throw new InvalidArchiveException("entries must be in strictly increasing lexical order: '"
                    + name + "' after '" + previous + "'");
        }
        if (!entry.isDirectory() && entry.getSize() > maxEntryBytes) {
            throw new InvalidArchiveException("entry '" + name + "' is " + entry.getSize()
                    + " bytes, over the limit of " + maxEntryBytes);
        }
        return name;
    }

    /** Writes the entry with normalised headers, and its content for a file. */
    private static void copyEntry(TarArchiveInputStream tar, TarArchiveEntry entry, String name, TarArchiveOutputStream out)
            throws IOException {
        TarArchiveEntry normalized = new TarArchiveEntry(name);
        normalized.setModTime(0);
        normalized.setUserId(0);
        normalized.setGroupId(0);
        normalized.setUserName("");
        normalized.setGroupName("");
        if (entry.isDirectory()) {
            normalized.setMode(DIR_MODE);
        } else {
            normalized.setMode((entry.getMode() & 0111) != 0 ? EXEC_MODE : FILE_MODE);
            normalized.setSize(entry.getSize());
        }
        out.putArchiveEntry(normalized);
        if (!entry.isDirectory()) {
            long copied = tar.transferTo(out);
            if (copied != entry.getSize()) {
                throw new InvalidArchiveException("entry '" + name + "' is truncated");
            }
        }
        out.closeArchiveEntry();
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarArchiveEntry.LF_NORMAL || flag == TarArchiveEntry.LF_OLDNORM || flag == TarArchiveEntry.LF_CONTIG;
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
