package io.tributary.notification.provider;

import io.tributary.operator.tls.PemTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Posts one {@link ProviderRequest} within the Provider's timeout, headers and body alike; reads at most
 * {@link #MAX_RESPONSE_BYTES} of the answer and drops the rest, so a huge or endless response costs neither memory nor
 * more than the timeout. 2xx is delivered; 408, 429 and 5xx, a timeout or a broken connection are retriable; any other
 * status is final. Messages name only the status or the failure class: never the address (a webhook URL is a
 * credential), a header or the token.
 */
public final class ProviderClient {

    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final Set<Integer> RETRIABLE = Set.of(408, 429);

    private final HttpClient http;
    private final Duration timeout;

    public ProviderClient(ProviderConfig config) throws NotifierException {
        this.timeout = config.timeout();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (config.caPem() != null || config.certPem() != null) {
            builder.sslContext(tls(config));
        }
        if (config.proxy() != null) {
            if (config.proxy().getHost() == null || config.proxy().getPort() < 0) {
                throw new NotifierException("invalid proxy address: it needs a host and a port", false);
            }
            builder.proxy(ProxySelector.of(new InetSocketAddress(config.proxy().getHost(), config.proxy().getPort())));
        }
        this.http = builder.build();
    }

    /** Sends the request; returns the (truncated) response body of a 2xx answer. */
    public String post(ProviderRequest request) throws NotifierException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::setHeader);
        CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new NotifierException("no response within " + timeout.toMillis() + " ms", true);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        String body = readBounded(response.body(), deadline);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        boolean retriable = status >= 500 || RETRIABLE.contains(status);
        throw new NotifierException("the provider answered HTTP " + status, retriable);
    }

    /** At most MAX_RESPONSE_BYTES, and only until the deadline; then the stream is closed, which aborts the exchange. */
    private static String readBounded(InputStream in, long deadlineNanos) throws InterruptedException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readNBytes(MAX_RESPONSE_BYTES);
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try {
            long left = Math.max(1, deadlineNanos - System.nanoTime());
            return new String(read.get(left, TimeUnit.NANOSECONDS), StandardCharsets.UTF_8);
        } catch (TimeoutException | ExecutionException e) {
            closeQuietly(in);
            return "";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the exchange is abandoned either way
        }
    }

    private static NotifierException failure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new NotifierException("no response in time (" + cause.getClass().getSimpleName() + ")", true);
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new NotifierException("TLS handshake with the provider failed: " + cause.getClass().getSimpleName(), true);
        }
        if (cause instanceof IOException) {
            return new NotifierException("cannot reach the provider: " + cause.getClass().getSimpleName(), true);
        }
        return new NotifierException("request failed: " + cause.getClass().getSimpleName(), false);
    }

    /** Only {@code ca.crt} is trusted when given (the JVM's CAs otherwise); {@code tls.crt}/{@code tls.key} authenticate the client. */
    static SSLContext tls(ProviderConfig config) throws NotifierException {
        try {
            return PemTls.of(config.caPem(), config.certPem(), config.keyPem()).sslContext();
        } catch (IllegalArgumentException e) {
            throw new NotifierException("spec.certSecretRef: " + e.getMessage(), false);
        }
    }
}
