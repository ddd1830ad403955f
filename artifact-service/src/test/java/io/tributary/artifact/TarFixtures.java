package io.tributary.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds tar streams for tests: {@code entries} alternates name and content; a name ending in / is a directory. */
public final class TarFixtures {

    private TarFixtures() {
    }

    public static byte[] tar(long mtime, int uid, String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.length; i += 2) {
                String name = entries[i];
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setModTime(mtime);
                entry.setUserId(uid);
                entry.setUserName("user" + uid);
                if (!name.endsWith("/")) {
                    byte[] content = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                    entry.setSize(content.length);
                    entry.setMode(0100644);
                    out.putArchiveEntry(entry);
                    out.write(content);
                } else {
                    out.putArchiveEntry(entry);
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The entry names of a tar.gz artifact, in order. */
    public static java.util.List<String> entryNames(byte[] targz) throws IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(targz)), StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    /** A raw tar header with an arbitrary (unsafe) name, bypassing library checks. */
    public static byte[] tarWithRawName(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            entry.setSize(data.length);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
