package io.tributary.notification.delivery;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FluxEvent;
import io.tributary.events.Topics;
import io.tributary.notification.alert.EventKey;
import io.tributary.notification.alert.EventMetadataMerge;
import io.tributary.notification.alert.RecentEvents;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code tributary.events} in the consumer group {@code tributary-notifications} and delivers each event to
 * the Providers of the Alerts it matches. A record's offset is committed only once every delivery it makes was
 * delivered or finally given up (then the Alert gets a Warning naming the Provider); each delivery done is recorded in
 * the committed offset's metadata, so a restart resends a record only to the Alerts it had not reached and loses
 * nothing undelivered. The same event (Flux's key) within the duplicate window is sent once.
 */
@Startup
@ApplicationScoped
public class EventStreamConsumer {

    private static final Logger LOG = Logger.getLogger(EventStreamConsumer.class);
    public static final String GROUP = "tributary-notifications";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    AlertDeliveries deliveries;
    @Inject
    GiveUpReport report;
    @ConfigProperty(name = "tributary.alerts.group", defaultValue = GROUP)
    String group;
    @ConfigProperty(name = "tributary.alerts.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "tributary.alerts.max-event-bytes", defaultValue = "3145728")
    int maxEventBytes;
    @ConfigProperty(name = "tributary.alerts.duplicate-window", defaultValue = "5m")
    Duration duplicateWindow;
    @ConfigProperty(name = "tributary.alerts.retry.attempts", defaultValue = "5")
    int attempts;
    @ConfigProperty(name = "tributary.alerts.retry.initial", defaultValue = "1s")
    Duration initialBackoff;
    @ConfigProperty(name = "tributary.alerts.retry.max", defaultValue = "30s")
    Duration maxBackoff;

    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<String, String> consumer;
    private RecentEvents recent;
    private Sending sending;
    /** Per partition, the committed offset with the deliveries made for the record it points at. */
    private final Map<TopicPartition, OffsetAndMetadata> committedOnAssign = new HashMap<>();

    @PostConstruct
    void start() {
        if (!enabled) {
            return;
        }
        recent = new RecentEvents(duplicateWindow, 100_000);
        sending = new Sending(new Backoff(attempts, initialBackoff, maxBackoff), d -> Thread.sleep(d.toMillis()), Sending.http());
        consumer = new KafkaConsumer<>(config(kafka, group), new StringDeserializer(), new StringDeserializer());
        running = true;
        thread = new Thread(this::run, "alert-deliveries");
        thread.setDaemon(true);
        thread.start();
    }

    static Map<String, Object> config(Map<String, Object> kafka, String group) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put("group.id", group);
        config.put("client.id", "notification-service-events");
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", "10");
        // a record is handled (retries included) before the next poll
        config.put("max.poll.interval.ms", Long.toString(Duration.ofMinutes(30).toMillis()));
        return config;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(committedOnAssign::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.committed(Set.copyOf(partitions)).forEach((tp, committed) -> {
                        if (committed != null) {
                            committedOnAssign.put(tp, committed);
                        }
                    });
                }
            });
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!handled(record) || !running) {
                        break;
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // shutting down: the record being handled is not committed and is handled again after the restart
        } catch (RuntimeException e) {
            LOG.error("the event stream consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Handles one record; when Kafka or the API server fails meanwhile, the record is sought back to, so the next poll
     * hands it over again (or, after a rebalance, to the consumer that owns its partition now), and false is returned.
     */
    private boolean handled(ConsumerRecord<String, String> record) throws InterruptedException {
        try {
            handle(record);
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException | KubernetesClientException e) {
            LOG.warnf("event %s at %s-%d@%d not handled, retrying: %s", record.key(), record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            recent.forget(record.value() == null ? "" : keyOf(record));
            try {
                consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            } catch (IllegalStateException notAssigned) {
                // the partition moved to another consumer, which starts from the committed offset
            }
            Thread.sleep(Math.min(5000, Math.max(100, initialBackoff.toMillis())));
            return false;
        }
    }

    private String keyOf(ConsumerRecord<String, String> record) {
        FluxEvent event = decode(record);
        return event == null ? "" : EventKey.of(event);
    }

    private void handle(ConsumerRecord<String, String> record) throws InterruptedException {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        FluxEvent event = decode(record);
        if (event != null && recent.first(EventKey.of(event), Instant.now())) {
            OffsetAndMetadata committed = committedOnAssign.get(partition);
            Set<String> delivered = new LinkedHashSet<>(
                    DeliveredKeys.parse(committed == null ? null : committed.metadata(), record.offset()));
            for (Delivery delivery : deliveries.plan(event)) {
                if (delivered.contains(delivery.key())) {
                    continue;
                }
                Sending.Outcome outcome = sending.send(delivery);
                if (!outcome.delivered()) {
                    report.gaveUp(delivery, event, outcome);
                }
                delivered.add(delivery.key());
                OffsetAndMetadata progress = new OffsetAndMetadata(record.offset(), DeliveredKeys.format(record.offset(), delivered));
                consumer.commitSync(Map.of(partition, progress));
                committedOnAssign.put(partition, progress);
            }
        }
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        committedOnAssign.remove(partition);
    }

    /** The record's event, or null (logged) for one over the size cap or not a FluxEvent. */
    private FluxEvent decode(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null) {
            return null;
        }
        if (value.length() > maxEventBytes || value.getBytes(StandardCharsets.UTF_8).length > maxEventBytes) {
            LOG.warnf("event %s at %s-%d@%d is over %d bytes; dropped", record.key(), record.topic(), record.partition(), record.offset(),
                    maxEventBytes);
            return null;
        }
        try {
            return EventMetadataMerge.cleanedUp(CloudEventCodec.decode(value, FluxEvent.class).data());
        } catch (IllegalArgumentException e) {
            LOG.warnf("record %s at %s-%d@%d is not a FluxEvent; dropped", record.key(), record.topic(), record.partition(), record.offset());
            return null;
        }
    }

    @PreDestroy
    void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
