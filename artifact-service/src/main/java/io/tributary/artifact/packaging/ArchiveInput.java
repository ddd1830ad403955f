package io.tributary.artifact.packaging;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;

/**
 * The tar stream inside an upload body: gzip-compressed or not, as its first two bytes tell, and capped at
 * {@code maxBytes} once decompressed. Failures reading the body become {@link BodyReadException}; a body that is empty,
 * not gzip where it claims to be, truncated or over the cap becomes {@link InvalidArchiveException}.
 */
final class ArchiveInput {

    private static final int BUFFER = 64 * 1024;

    private final BufferedInputStream tar;
    private final Capped capped;

    private ArchiveInput(BufferedInputStream tar, Capped capped) {
        this.tar = tar;
        this.capped = capped;
    }

    static ArchiveInput open(InputStream body, long maxBytes) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(new Body(body), 2);
        int first = peek.read();
        if (first < 0) {
            throw new InvalidArchiveException("the body is empty; an upload must be a tar archive "
                    + "(an empty tree is a tar holding only its end-of-archive marker)");
        }
        int second = peek.read();
        if (second >= 0) {
            peek.unread(second);
        }
        peek.unread(first);
        boolean gzip = first == 0x1f && second == 0x8b;
        InputStream decompressed = gzip ? new Gunzip(peek) : peek;
        Capped capped = new Capped(decompressed, maxBytes, gzip);
        // mark/reset lets the tar reader give back a record it peeked at after the end marker, so checkTrailer sees it
        return new ArchiveInput(new BufferedInputStream(capped, BUFFER), capped);
    }

    InputStream stream() {
        return tar;
    }

    /** Only zero padding may follow the end-of-archive marker; anything else (a second archive, say) is refused. */
    void checkTrailer(long markerEnd) throws IOException {
        byte[] buffer = new byte[8192];
        long offset = markerEnd;
        int n;
        while ((n = tar.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != 0) {
                    throw new InvalidArchiveException("data after the end-of-archive marker at byte " + (offset + i)
                            + " of the tar stream (a second archive appended?)");
                }
            }
            offset += n;
        }
    }

    long bytesRead() {
        return capped.count;
    }

    /** Marks failures of the client's stream as such. */
    private static final class Body extends FilterInputStream {
        Body(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw new BodyReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new BodyReadException(e);
            }
        }
    }

    /** Gunzips, naming a corrupt or truncated gzip stream as an invalid archive. */
    private static final class Gunzip extends InputStream {
        private final InputStream compressed;
        private GZIPInputStream gzip;

        Gunzip(InputStream compressed) {
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                if (gzip == null) {
                    gzip = new GZIPInputStream(compressed, BUFFER);
                }
                return gzip.read(b, off, len);
            } catch (BodyReadException e) {
                throw e;
            } catch (EOFException e) {
                throw new InvalidArchiveException("the gzip stream is truncated");
            } catch (IOException e) {
                throw new InvalidArchiveException("the gzip stream is corrupt: " + e.getMessage());
            }
        }
    }

    /** Refuses to read past {@code max} bytes. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private final boolean decompressed;
        private long count;

        Capped(InputStream in, long max, boolean decompressed) {
            super(in);
            this.max = max;
            this.decompressed = decompressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, max - count + 1));
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new InvalidArchiveException("the tar stream is over the limit of " + max + " bytes"
                            + (decompressed ? " once decompressed" : "") + " (tributary.artifact.max-archive-bytes)");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
