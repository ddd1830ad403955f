package io.tributary.artifact.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * commons-compress' tar reader made strict: a stream must end with the end-of-archive marker (a stream that stops at an
 * entry boundary or inside a header is truncated, not short); header checksums must match; PAX and GNU long-name
 * records may not exceed {@link ArchiveLimits#MAX_METADATA_BYTES}, since they are read into memory; names are UTF-8
 * whatever the platform's charset; and every failure to parse becomes an {@link InvalidArchiveException}.
 */
final class StrictTarReader extends TarArchiveInputStream {

    private static final int RECORD = 512;

    /** The raw PAX records read since the last entry: commons-compress strips a leading '/' from a PAX path, so it is checked here. */
    private final java.io.ByteArrayOutputStream paxRecords = new java.io.ByteArrayOutputStream();
    private boolean endMarker;
    private boolean shortRecord;
    private long records;

    StrictTarReader(InputStream in) {
        // one record per block: nothing after the end marker is skipped unseen as "block padding"
        super(in, RECORD, RECORD, StandardCharsets.UTF_8.name(), false);
    }

    /** The next entry, or null after the end-of-archive marker. */
    TarArchiveEntry next() throws IOException {
        TarArchiveEntry entry;
        try {
            entry = getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw translate(e, "the tar headers cannot be parsed");
        }
        if (entry == null) {
            if (shortRecord || !endMarker) {
                throw new InvalidArchiveException(records == 0 ? "not a tar archive: the body is shorter than one 512-byte tar header"
                        : "the tar stream ends without its end-of-archive marker (truncated after " + getBytesRead() + " bytes)");
            }
            return null;
        }
        requireRelative(paxPath(), "PAX path");
        paxRecords.reset();
        if (!entry.isCheckSumOK()) {
            throw new InvalidArchiveException("not a tar archive, or a corrupt one: the header checksum of entry '"
                    + EntryNames.printable(entry.getName()) + "' does not match");
        }
        return entry;
    }

    /** Reads exactly {@code size} bytes of the current entry into {@code sink}. */
    void copyContent(String name, long size, java.io.OutputStream sink) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        while (copied < size) {
            int n;
            try {
                n = read(buffer, 0, (int) Math.min(buffer.length, size - copied));
            } catch (IOException | RuntimeException e) {
                throw translate(e, "entry '" + EntryNames.printable(name) + "' is truncated or unreadable");
            }
            if (n < 0) {
                throw new InvalidArchiveException("entry '" + EntryNames.printable(name) + "' is truncated: "
                        + copied + " of " + size + " bytes");
            }
            sink.write(buffer, 0, n);
            copied += n;
        }
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        if (record == null) {
            // a lone zero block at the very end is what GNU tar accepts with a warning; a short record before it is not
            shortRecord |= !endMarker;
        } else {
            records++;
            endMarker |= isEOFRecord(record);
        }
        return record;
    }

    @Override
    protected byte[] getLongNameData() throws IOException {
        checkMetadataSize();
        boolean name = getCurrentEntry().isGNULongNameEntry();
        byte[] data = super.getLongNameData();
        if (data == null) {
            throw new InvalidArchiveException("a GNU long name or link record is not followed by its entry");
        }
        if (name) {
            requireRelative(new String(data, StandardCharsets.UTF_8), "GNU long name");
        }
        return data;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkMetadataSize();
        int n = super.read(buffer, offset, length);
        TarArchiveEntry current = getCurrentEntry();
        if (n > 0 && current != null && (current.isPaxHeader() || current.isGlobalPaxHeader())) {
            paxRecords.write(buffer, offset, n);
        }
        return n;
    }

    /** The last {@code path} among the PAX records read for this entry, or null. */
    private String paxPath() {
        String records = paxRecords.toString(StandardCharsets.UTF_8);
        String path = null;
        int at = 0;
        while (at < records.length()) {
            int space = records.indexOf(' ', at);
            int length;
            try {
                length = space < 0 ? -1 : Integer.parseInt(records.substring(at, space));
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length <= 0 || at + length > records.length()) {
                break; // commons-compress has already refused anything malformed before here
            }
            String record = records.substring(space + 1, at + length);
            if (record.startsWith("path=")) {
                path = record.substring("path=".length()).replaceFirst("\n$", "");
            }
            at += length;
        }
        return path;
    }

    private static void requireRelative(String name, String what) throws InvalidArchiveException {
        if (name != null && name.startsWith("/")) {
            throw new InvalidArchiveException("entry has an absolute path (" + what + "): '" + EntryNames.printable(name) + "'");
        }
    }

    private void checkMetadataSize() throws InvalidArchiveException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null && isMetadata(current) && current.getSize() > ArchiveLimits.MAX_METADATA_BYTES) {
            throw new InvalidArchiveException("a " + (current.isPaxHeader() || current.isGlobalPaxHeader() ? "PAX" : "GNU long-name")
                    + " header record is " + current.getSize() + " bytes, over the limit of " + ArchiveLimits.MAX_METADATA_BYTES);
        }
    }

    private static boolean isMetadata(TarArchiveEntry entry) {
        return entry.isPaxHeader() || entry.isGlobalPaxHeader() || entry.isGNULongNameEntry() || entry.isGNULongLinkEntry();
    }

    /** Our own refusals (and body failures) as they are, anything else the parser threw as an invalid archive. */
    private static IOException translate(Exception e, String what) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidArchiveException || cause instanceof BodyReadException) {
                return (IOException) cause;
            }
        }
        StringBuilder message = new StringBuilder("not a valid tar archive: ").append(what);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message.append(": ").append(EntryNames.printable(cause.getMessage()));
            }
        }
        return new InvalidArchiveException(message.toString());
    }
}
