package io.tributary.notification.events;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FetchRequested;
import io.tributary.events.Topics;
import io.tributary.notification.webhook.WebhookSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes FetchRequested on {@code tributary.source-requests}, keyed {@code kind/namespace/name}, and returns only
 * once every in-sync replica has the record (acks=all, idempotent). When that cannot happen within
 * {@code tributary.webhook.publish-timeout} it throws {@link KafkaUnavailableException}: the producer has then given
 * the record up and will not send it later. (A record that expired while a request carrying it was on the wire may
 * still have reached the broker; the sender's retry then makes a duplicate FetchRequested, which consumers ignore.)
 *
 * <p>A plain producer rather than a messaging channel: a channel's producer sends from one shared thread, retries on
 * its own after the delivery timeout and waits twice its close timeout on shutdown, so a webhook could neither answer
 * within a bound nor know whether a record it gave up on would still be sent.
 */
@Startup
@ApplicationScoped
public class SourceRequestPublisher {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    WebhookSettings settings;

    private Producer<String, String> producer;
    private volatile boolean closing;

    @PostConstruct
    void open() {
        producer = new KafkaProducer<>(config(kafka, settings.publishTimeout()), new StringSerializer(), new StringSerializer());
    }

    /**
     * The producer configuration: the {@code kafka.*} settings (bootstrap servers, security), then what makes an
     * acknowledgement mean the record is stored, and the time bounds. Half the publish timeout goes to waiting for
     * metadata (a blocked {@code send}), half to the acknowledgement itself.
     */
    static Map<String, Object> config(Map<String, Object> kafka, Duration publishTimeout) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove("group.id");
        long half = Math.max(1, publishTimeout.toMillis() / 2);
        config.put("client.id", "notification-service-source-requests");
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("linger.ms", "0");
        config.put("max.block.ms", Long.toString(half));
        config.put("request.timeout.ms", Long.toString(half));
        config.put("delivery.timeout.ms", Long.toString(half));
        return config;
    }

    public void publish(FetchRequested request) throws KafkaUnavailableException, InterruptedException {
        String key = request.source().key();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SOURCE_REQUESTS, key,
                CloudEventCodec.encode("notification-service", key, request));
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(record);
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable(e);
        }
        // the producer itself settles the record within max.block.ms + delivery.timeout.ms; the margin only guards
        // against a broken client
        long bound = settings.publishTimeout().toMillis() + 1000;
        try {
            sent.get(bound, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not settle the record within " + bound + " ms", e);
        }
    }

    /** Retriable failures and those of a producer being closed are worth a retry; anything else is a fault. */
    private KafkaUnavailableException unavailable(Throwable cause) {
        if (closing) {
            return new KafkaUnavailableException("the service is shutting down", cause);
        }
        if (!(cause instanceof RetriableException)) {
            throw new IllegalStateException("Kafka refused the request: " + cause.getMessage(), cause);
        }
        return new KafkaUnavailableException("Kafka did not acknowledge the request: " + cause.getMessage(), cause);
    }

    @PreDestroy
    void close() {
        closing = true;
        // records still unacknowledged fail, and the webhooks waiting on them answer 503
        producer.close(Duration.ofSeconds(1));
    }
}
