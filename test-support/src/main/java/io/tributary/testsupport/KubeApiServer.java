package io.tributary.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * The fabric8 Kubernetes mock server in CRUD mode: stores whatever is created, supports watches,
 * JSON and merge patches, and status subresources of CRDs created through it. No server-side apply.
 */
public final class KubeApiServer implements AutoCloseable {

    private final KubernetesMockServer server;

    private KubeApiServer(KubernetesMockServer server) {
        this.server = server;
    }

    /** Starts on loopback; {@code port} 0 picks a free one. */
    public static KubeApiServer start(int port) {
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port == 0 ? KafkaBroker.freePort() : port);
        return new KubeApiServer(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public KubernetesClient client() {
        return server.createClient();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
