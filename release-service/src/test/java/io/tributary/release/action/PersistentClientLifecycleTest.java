package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.tributary.api.helm.HelmRelease;
import io.tributary.testsupport.SharedServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.persistentClient} on a real API server: by default the REST mapping read from discovery serves every step
 * of an action; set false, each step (hooks before, objects, hooks after) reads discovery again, as helm-controller's
 * non-persistent client does.
 */
class PersistentClientLifecycleTest {

    @TempDir
    static Path dir;
    static KubernetesClient recording;
    /** The discovery reads of the core group, {@code GET /api/v1}. */
    static final List<String> discovery = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        recording = new KubernetesClientBuilder().withConfig(SharedServers.controlPlane().client().getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("discovery", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if (request.method().equals("GET") && request.uri().getPath().equals("/api/v1")) {
                            discovery.add(request.uri().getPath());
                        }
                    }
                })).build();
    }

    @AfterAll
    static void stop() {
        recording.close();
    }

    @BeforeEach
    void clear() {
        discovery.clear();
    }

    private static String hook(String name, String phase) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  annotations:
                    "helm.sh/hook": %s
                data:
                  phase: %s
                """.formatted(name, phase, phase);
    }

    private int install(String name, Boolean persistent) throws Exception {
        LifecycleFixture fx = new LifecycleFixture(dir, recording);
        HelmRelease hr = release(name);
        hr.getSpec().persistentClient = persistent;
        var chart = fx.chart(name, "1.0.0", Map.of("pre.yaml", hook(name + "-pre", "pre-install"),
                "cm.yaml", configMap(name + "-cm", "  a: b\n"), "post.yaml", hook(name + "-post", "post-install")));
        discovery.clear();
        fx.reconcile(hr, chart, Map.of());
        assertThat(fx.revisions(name)).containsExactly("1:deployed:Install complete");
        assertThat(recording.configMaps().inNamespace(LifecycleFixture.NS).withName(name + "-post").get()).isNotNull();
        return discovery.size();
    }

    @Test
    void aPersistentClientReadsDiscoveryOncePerKind() throws Exception {
        assertThat(install("persistent", null)).isEqualTo(1);
    }

    @Test
    void aNonPersistentClientReadsDiscoveryForEveryStep() throws Exception {
        // pre-install hooks, the objects, the wait and post-install hooks each map ConfigMap afresh
        assertThat(install("transient", false)).isGreaterThanOrEqualTo(3);
    }
}
