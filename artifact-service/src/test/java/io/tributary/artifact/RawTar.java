package io.tributary.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar streams byte by byte, so that tests can build what no tar library would: absolute and NUL names, bad
 * checksums, malformed PAX records, missing end markers. Headers are ustar; fields not set are zero.
 */
public final class RawTar {

    public static final int BLOCK = 512;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A regular file. */
    public RawTar file(String name, String content) {
        return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), null);
    }

    public RawTar dir(String name) {
        return entry(name, '5', new byte[0], null);
    }

    /** An entry of any type; {@code link} is the link name for symlinks and hard links. */
    public RawTar entry(String name, char type, byte[] content, String link) {
        return entry(header(name, type, content.length, link), content);
    }

    /** An entry from a prepared header (see {@link #header}), its checksum computed. */
    public RawTar entry(byte[] header, byte[] content) {
        writeChecksum(header);
        out.writeBytes(header);
        out.writeBytes(padded(content));
        return this;
    }

    /** A local PAX extended header holding {@code records} (each "key=value"), applying to the next entry. */
    public RawTar pax(String... records) {
        StringBuilder body = new StringBuilder();
        for (String record : records) {
            body.append(paxRecord(record));
        }
        return paxRaw(body.toString());
    }

    /** A PAX header whose body is exactly {@code body}, well formed or not. */
    public RawTar paxRaw(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return entry("PaxHeaders/x", 'x', bytes, null);
    }

    /** A GNU long-name record: the next entry's name is {@code name}. */
    public RawTar gnuLongName(byte[] name) {
        return entry("././@LongLink", 'L', name, null);
    }

    /** The end-of-archive marker: two zero blocks. */
    public RawTar end() {
        out.writeBytes(new byte[2 * BLOCK]);
        return this;
    }

    public RawTar raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public byte[] gzip() {
        return RawTar.gzip(bytes());
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return compressed.toByteArray();
    }

    /** "key=value" as a PAX record: its length in decimal counts itself. */
    public static String paxRecord(String record) {
        int length = record.getBytes(StandardCharsets.UTF_8).length + 2; // space and newline
        int digits = Integer.toString(length).length();
        length += digits;
        if (Integer.toString(length).length() != digits) {
            length++;
        }
        return length + " " + record + "\n";
    }

    /** A ustar header; its checksum is written by {@link #entry(byte[], byte[])}. */
    public static byte[] header(String name, char type, long size, String link) {
        byte[] header = new byte[BLOCK];
        put(header, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = (byte) type;
        if (link != null) {
            put(header, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        }
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        return header;
    }

    /** Overwrites {@code length} bytes of a header field with {@code value}, padded with NULs. */
    public static void put(byte[] header, int offset, int length, byte[] value) {
        Arrays.fill(header, offset, offset + length, (byte) 0);
        System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
    }

    public static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        put(header, offset, length, digits.getBytes(StandardCharsets.US_ASCII));
    }

    public static void writeChecksum(byte[] header) {
        if (header[148] != 0 && header[148] != ' ') {
            return; // a test chose the checksum
        }
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] padded(byte[] content) {
        int blocks = (content.length + BLOCK - 1) / BLOCK;
        return Arrays.copyOf(content, blocks * BLOCK);
    }
}
