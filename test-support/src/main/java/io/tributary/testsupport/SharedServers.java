package io.tributary.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Servers started once per test JVM and stopped when it exits. */
public final class SharedServers {

    private static KafkaBroker kafka;
    private static GitServer git;
    private static ControlPlane controlPlane;

    private SharedServers() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            try {
                kafka = KafkaBroker.start(Files.createTempDirectory("tributary-kafka"), 0);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
        }
        return kafka;
    }

    public static synchronized GitServer git() {
        if (git == null) {
            try {
                Path root = Files.createTempDirectory("tributary-git");
                git = GitServer.start(root);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the git server", e);
            }
            GitServer started = git;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }, "git-shutdown"));
        }
        return git;
    }

    public static OciRegistry ociRegistry() { return OciRegistry.shared(); } // docker-registry, HTTPS + htpasswd

    /** The real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager), built on first use. */
    public static synchronized ControlPlane controlPlane() {
        if (controlPlane == null) {
            controlPlane = ControlPlane.start();
            Runtime.getRuntime().addShutdownHook(new Thread(controlPlane::close, "control-plane-shutdown"));
        }
        return controlPlane;
    }
}
