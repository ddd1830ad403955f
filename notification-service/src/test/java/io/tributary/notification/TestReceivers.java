package io.tributary.notification;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.notification.Receiver;
import io.tributary.api.notification.ReceiverSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Creates Receivers (and their token Secrets) on the test's API server, where the CRDs are installed
 * (ControlPlaneTestResource, ControlPlaneCrds), and waits until they are Ready.
 */
final class TestReceivers {

    private final KubernetesClient client;

    TestReceivers(KubernetesClient client) {
        this.client = client;
    }

    /** A Receiver {@code name} in {@code default} of {@code type}, requesting the GitRepository {@code repository}. */
    Receiver create(String name, ReceiverSpec.Type type, List<String> events, String token, String repository) {
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName(name + "-token")
                .withNamespace("default").endMetadata()
                .withData(Map.of("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                .build()).createOr(op -> op.update());
        Receiver receiver = new Receiver();
        receiver.getMetadata().setName(name);
        receiver.getMetadata().setNamespace("default");
        receiver.setSpec(new ReceiverSpec());
        receiver.getSpec().type = type;
        receiver.getSpec().events = events;
        receiver.getSpec().secretRef = new LocalObjectReference(name + "-token");
        ReceiverSpec.Resource resource = new ReceiverSpec.Resource();
        resource.kind = "GitRepository";
        resource.name = repository;
        receiver.getSpec().resources = List.of(resource);
        client.resources(Receiver.class).inNamespace("default").resource(receiver).createOr(op -> op.update());
        return awaitReady(name);
    }

    Receiver suspend(String name) {
        client.resources(Receiver.class).inNamespace("default").withName(name).edit(r -> {
            r.getSpec().suspend = true;
            return r;
        });
        return client.resources(Receiver.class).inNamespace("default").withName(name).get();
    }

    private Receiver awaitReady(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Receiver current = client.resources(Receiver.class).inNamespace("default").withName(name).get();
            if (current.getStatus() != null && current.getStatus().webhookPath != null
                    && Conditions.isTrue(current.getStatus().conditions, ConditionTypes.READY)) {
                return current;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("receiver " + name + " never became ready");
    }
}
