package io.tributary.release.events;

import io.smallrye.reactive.messaging.kafka.Record;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.ReleaseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/** Publishes release outcomes on {@code tributary.release-events}. */
@ApplicationScoped
public class ReleaseEventPublisher {

    private static final Logger LOG = Logger.getLogger(ReleaseEventPublisher.class);

    @Inject
    @Channel("release-events")
    Emitter<Record<String, String>> emitter;

    public void publish(ReleaseEvent event) {
        String key = event.involvedObject().key();
        emitter.send(Record.of(key, CloudEventCodec.encode("release-service", key, event)))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not publish release event for %s: %s", key, failure.getMessage());
                    }
                });
    }
}
