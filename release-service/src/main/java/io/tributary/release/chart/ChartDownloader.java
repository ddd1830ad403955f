package io.tributary.release.chart;

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

/** Downloads a chart artifact and verifies its digest before anything loads it. */
public final class ChartDownloader {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final long maxBytes;

    public ChartDownloader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Thrown on HTTP failure, oversize or digest mismatch (Flux's ArtifactFailed). */
    public static class ArtifactException extends Exception {
        public ArtifactException(String message) {
            super(message);
        }
    }

    public void download(String url, String expectedDigest, Path target) throws ArtifactException, InterruptedException {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ArtifactException("downloading chart artifact failed with HTTP " + response.statusCode());
                }
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (DigestInputStream in = new DigestInputStream(body, sha256); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new ArtifactException("chart artifact exceeds the limit of " + maxBytes + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                String actual = "sha256:" + HexFormat.of().formatHex(sha256.digest());
                if (!actual.equals(expectedDigest)) {
                    throw new ArtifactException("chart artifact digest mismatch: expected " + expectedDigest + ", got " + actual);
                }
            }
        } catch (IOException e) {
            throw new ArtifactException("downloading chart artifact failed: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
