package io.tributary.fetcher.source.helm;

import io.tributary.fetcher.status.Sanitizer;
import io.tributary.operator.tls.PemTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Downloads from a Helm repository: TLS from {@code certSecretRef}, basic credentials sent only to the repository's
 * own scheme, host and port unless {@code passCredentials}, redirects followed by hand (so credentials are re-judged at
 * every hop), and a size cap enforced from {@code Content-Length} and again while streaming.
 */
public final class HelmHttp {

    /** A download that failed; {@code status} is the HTTP status, or 0 when there was no answer. */
    public static final class DownloadException extends IOException {
        private final int status;

        DownloadException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What was downloaded: where, how big, its sha256 hex. */
    public record Downloaded(Path file, long size, String sha256) {
    }

    private final HttpClient client;
    private final URI repository;
    private final String authorization;
    private final boolean passCredentials;
    private final Duration timeout;

    public HelmHttp(String repositoryUrl, String username, String password, PemTls tls, boolean passCredentials, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls.sslContext());
        }
        this.client = builder.build();
        this.repository = URI.create(repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/");
        this.authorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.passCredentials = passCredentials;
        this.timeout = timeout;
    }

    /** Resolves a chart URL from an index entry against the repository URL (relative URLs are common). */
    public URI resolve(String url) {
        return repository.resolve(url);
    }

    public URI repository() {
        return repository;
    }

    /** Downloads {@code uri} into {@code target}, at most {@code maxBytes}; {@code what} names it in errors. */
    public Downloaded download(URI uri, Path target, long maxBytes, String what) throws IOException, InterruptedException {
        URI current = uri;
        for (int hop = 0; hop < 5; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(timeout).GET();
            if (authorization != null && (passCredentials || sameOrigin(current))) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new DownloadException("failed to fetch " + what + " from '" + Sanitizer.sanitize(current.toString()) + "': "
                        + Sanitizer.sanitize(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())), 0);
            }
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                current = current.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            try (InputStream body = response.body()) {
                if (status != 200) {
                    throw new DownloadException("failed to fetch " + what + " from '" + Sanitizer.sanitize(current.toString())
                            + "': server answered " + status, status);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new DownloadException(what + " is " + declared + " bytes, over the limit of " + maxBytes + " bytes", status);
                }
                return copy(body, target, maxBytes, what);
            }
        }
        throw new DownloadException("failed to fetch " + what + ": too many redirects", 0);
    }

    private static Downloaded copy(InputStream body, Path target, long maxBytes, String what) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        byte[] buffer = new byte[65536];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                size += n;
                if (size > maxBytes) {
                    throw new DownloadException(what + " exceeds the limit of " + maxBytes + " bytes", 200);
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (DownloadException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return new Downloaded(target, size, HexFormat.of().formatHex(sha.digest()));
    }

    private boolean sameOrigin(URI uri) {
        return Objects.equals(uri.getScheme(), repository.getScheme()) && Objects.equals(uri.getHost(), repository.getHost())
                && port(uri) == port(repository);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    }
}
