package io.tributary.release.events;

import io.smallrye.reactive.messaging.kafka.Record;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.ReleaseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** Publishes release outcomes on {@code tributary.release-events}. */
@ApplicationScoped
public class ReleaseEventPublisher {

    private static final Logger LOG = Logger.getLogger(ReleaseEventPublisher.class);

    @Inject
    @Channel("release-events")
    Emitter<Record<String, String>> emitter;

    /** Publishes and waits for the broker's acknowledgement; a failure is logged once here, with its reason. */
    public void publish(ReleaseEvent event) throws InterruptedException {
        String key = event.involvedObject().key();
        try {
            emitter.send(Record.of(key, CloudEventCodec.encode("release-service", key, event))).toCompletableFuture()
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failure) {
            Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
            LOG.warnf("could not publish release event %s for %s: %s", event.reason(), key, cause == null ? "timed out" : cause.toString());
        }
    }
}
