package io.tributary.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.notification.ProviderSpec;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FluxEvent;
import io.tributary.events.Topics;
import io.tributary.notification.provider.ProviderConfig;
import io.tributary.notification.provider.ProviderRequest;
import io.tributary.notification.provider.RecordingServer;
import io.tributary.testsupport.KafkaProbe;
import io.tributary.testsupport.SharedServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The consumer on the real broker, stopped while one of a record's two deliveries is still being retried and started
 * again: the delivery already made is not resent, the one not made is made. (Alerts are stubbed: this is about offsets.)
 */
class ConsumerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRestartResendsNothingDeliveredAndLosesNothingUndelivered() throws Exception {
        String bootstrap = SharedServers.kafka().bootstrapServers();
        String group = "restart-" + UUID.randomUUID();
        String ns = "restart-" + Long.toString(System.nanoTime(), 36);
        AtomicBoolean bUp = new AtomicBoolean(false);
        try (RecordingServer server = RecordingServer.http()) {
            server.answer(exchange -> {
                boolean ok = exchange.getRequestURI().getPath().equals("/a") || bUp.get();
                exchange.sendResponseHeaders(ok ? 200 : 503, -1);
                exchange.close();
            });
            FluxEvent event = new FluxEvent(new FluxEvent.InvolvedObject("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "app", null),
                    "info", Instant.now(), "stored", "NewArtifact", Map.of(), "source-controller", null);
            try (KafkaProbe probe = new KafkaProbe(bootstrap, Topics.EVENTS)) {
                probe.send(Topics.EVENTS, event.involvedObject().key(), CloudEventCodec.encode("test", event.involvedObject().key(), event));
            }
            List<Delivery> plan = List.of(delivery(ns, "a", server), delivery(ns, "b", server));

            EventStreamConsumer first = consumer(bootstrap, group, ns, plan);
            first.start();
            await(() -> count(server, "/a") == 1 && count(server, "/b") >= 2);
            first.stop();
            long bBefore = count(server, "/b");

            bUp.set(true);
            EventStreamConsumer second = consumer(bootstrap, group, ns, plan);
            second.start();
            try {
                await(() -> count(server, "/b") > bBefore);
                Thread.sleep(500);
                assertThat(count(server, "/a")).isEqualTo(1);
                assertThat(server.requests.get(server.requests.size() - 1).path()).isEqualTo("/b");
            } finally {
                second.stop();
            }
        }
    }

    private static long count(RecordingServer server, String path) {
        return server.requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private static Delivery delivery(String ns, String alert, RecordingServer server) {
        ProviderConfig config = new ProviderConfig(ns + "/" + alert, "u", ProviderSpec.Type.GENERIC, server.uri("/" + alert), null, null,
                null, Map.of(), null, Duration.ofSeconds(2), null, null);
        return new Delivery(ns + "/" + alert, ns, alert, config, new ProviderRequest(server.uri("/" + alert), Map.of(), "{}".getBytes()));
    }

    private static EventStreamConsumer consumer(String bootstrap, String group, String ns, List<Delivery> plan) {
        EventStreamConsumer consumer = new EventStreamConsumer();
        consumer.kafka = Map.of("bootstrap.servers", bootstrap);
        consumer.group = group;
        consumer.enabled = true;
        consumer.maxEventBytes = 1 << 20;
        consumer.duplicateWindow = Duration.ofMinutes(5);
        consumer.attempts = 1000;
        consumer.initialBackoff = Duration.ofMillis(100);
        consumer.maxBackoff = Duration.ofMillis(100);
        consumer.deliveries = new AlertDeliveries() {
            @Override
            public List<Delivery> plan(FluxEvent event) {
                return event.involvedObject().namespace().equals(ns) ? plan : List.of();
            }
        };
        consumer.report = new GiveUpReport() {
            @Override
            public void gaveUp(Delivery delivery, FluxEvent event, Sending.Outcome outcome) {
                throw new AssertionError("gave up " + delivery.key());
            }
        };
        return consumer;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
