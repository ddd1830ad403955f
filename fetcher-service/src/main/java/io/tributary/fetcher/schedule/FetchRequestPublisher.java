package io.tributary.fetcher.schedule;

import io.smallrye.reactive.messaging.kafka.Record;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FetchRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes FetchRequested on {@code tributary.source-requests}, keyed {@code kind/namespace/name}. */
@ApplicationScoped
public class FetchRequestPublisher {

    @Inject
    @Channel("source-requests-out")
    Emitter<Record<String, String>> emitter;

    public void publish(FetchRequested request) throws Exception {
        String key = request.source().key();
        emitter.send(Record.of(key, CloudEventCodec.encode("fetcher-service", key, request)))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }
}
