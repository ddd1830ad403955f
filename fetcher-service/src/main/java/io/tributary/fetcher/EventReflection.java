package io.tributary.fetcher;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.ArtifactStored;
import io.tributary.events.FetchRequested;
import io.tributary.events.CloudEvent;
import io.tributary.events.ObjectRef;

/** Registers the Kafka event records for Jackson in a native image; the events module has no Quarkus dependency. */
@RegisterForReflection(targets = {ArtifactInfo.class, ArtifactStored.class, FetchRequested.class, CloudEvent.class, ObjectRef.class})
final class EventReflection {

    private EventReflection() {
    }
}
