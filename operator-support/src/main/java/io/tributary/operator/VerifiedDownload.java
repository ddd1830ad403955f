package io.tributary.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads an artifact to a file, capped in size before and while reading, and fails unless its sha256 equals
 * the advertised digest; nothing should load a downloaded artifact before this check.
 */
public final class VerifiedDownload {

    /** The download failed, was too large, or its digest did not match; the message says which. */
    public static class DownloadException extends IOException {
        public DownloadException(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public void download(String url, String expectedDigest, Path target, long maxBytes) throws DownloadException, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DownloadException("downloading artifact " + url + " failed: " + e.getMessage());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DownloadException("downloading artifact " + url + " failed with HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > maxBytes) {
                throw new DownloadException("artifact " + url + " is " + length + " bytes, over the limit of " + maxBytes);
            }
            String actual = copyHashing(body, target, maxBytes, url);
            if (!actual.equals(expectedDigest)) {
                throw new DownloadException("artifact " + url + " digest mismatch: expected " + expectedDigest + ", got " + actual);
            }
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new DownloadException("downloading artifact " + url + " failed: " + e.getMessage());
        }
    }

    private static String copyHashing(InputStream body, Path target, long maxBytes, String url) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream in = new DigestInputStream(body, sha256); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new DownloadException("artifact " + url + " exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
