package io.tributary.artifact.events;

import io.smallrye.reactive.messaging.kafka.Record;
import io.tributary.events.ArtifactStored;
import io.tributary.events.CloudEventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes ArtifactStored on {@code tributary.artifact-events}, keyed by the source's object key. */
@ApplicationScoped
public class ArtifactEventPublisher {

    @Inject
    @Channel("artifact-events")
    Emitter<Record<String, String>> emitter;

    /** Sends and waits for the broker's acknowledgement, so a caller knows the event is durable. */
    public void publish(ArtifactStored event) throws Exception {
        String key = event.involvedObject().key();
        emitter.send(Record.of(key, CloudEventCodec.encode("artifact-service", key, event)))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }
}
