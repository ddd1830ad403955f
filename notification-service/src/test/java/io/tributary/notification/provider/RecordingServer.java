package io.tributary.notification.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tributary.testsupport.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** An HTTP(S) server on loopback that records every request and answers as told. */
public final class RecordingServer implements AutoCloseable {

    public record Recorded(String method, String path, String rawPath, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the server answers; may write forever or stall. */
    public interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    public static final Answer OK = exchange -> {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    };

    public static Answer status(int code) {
        return exchange -> {
            byte[] body = "{\"message\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
    }

    public final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Answer answer = OK;

    private RecordingServer(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            try {
                answer.answer(exchange);
            } catch (IOException e) {
                exchange.close();
            }
        });
        server.start();
    }

    public static RecordingServer http() throws IOException {
        return new RecordingServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    static RecordingServer https(TestPki pki) throws Exception {
        return https(pki, false);
    }

    /** HTTPS with the CA's server certificate; {@code clientAuth} demands a client certificate that CA signed. */
    static RecordingServer https(TestPki pki, boolean clientAuth) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(pki.serverKeyStore(), TestPki.STORE_PASSWORD.toCharArray());
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(pki.caTrustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(clientAuth);
                params.setSSLParameters(parameters);
            }
        });
        return new RecordingServer(server);
    }

    public void answer(Answer answer) {
        this.answer = answer;
    }

    public URI uri(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    Recorded only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    /** Writes {@code bytes} of body after a 200, or forever when negative. */
    static Answer body(long bytes) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; bytes < 0 || sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        };
    }

    /** Sends 200 and then nothing, holding the exchange open. */
    static final Answer STALL = exchange -> {
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().flush();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    };

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
