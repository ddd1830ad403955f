package io.tributary.release.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Helm's storage encoding of a release: base64(gzip(JSON)). The Secret then base64-encodes that string again. */
public final class ReleaseCodec {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReleaseCodec() {
    }

    public static String encode(HelmReleaseRecord release) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(JSON.writeValueAsBytes(release));
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HelmReleaseRecord decode(String encoded) throws IOException {
        byte[] raw = Base64.getDecoder().decode(encoded);
        boolean gzipped = raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        byte[] json = gzipped ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
        return JSON.readValue(json, HelmReleaseRecord.class);
    }
}
