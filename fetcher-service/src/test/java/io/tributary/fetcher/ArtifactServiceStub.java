package io.tributary.fetcher;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for artifact-service where a test needs only its delete: {@code DELETE /api/v1/artifacts/...} answers
 * the status last set with {@code PUT /control/delete-status/<code>} (503 at first, as if storage were down);
 * {@code GET /control/deletes} counts the deletes received.
 */
public class ArtifactServiceStub implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        AtomicInteger deleteStatus = new AtomicInteger(503);
        AtomicInteger deletes = new AtomicInteger();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/control/delete-status/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            deleteStatus.set(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/control/deletes", exchange -> {
            byte[] body = String.valueOf(deletes.get()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/v1/artifacts/", exchange -> {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                deletes.incrementAndGet();
            }
            int status = "DELETE".equals(exchange.getRequestMethod()) ? deleteStatus.get() : 404;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("tributary.artifact-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
