package io.tributary.notification;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tributary.events.FetchRequested;
import io.tributary.events.CloudEvent;
import io.tributary.events.ObjectRef;

/** Registers the Kafka event records for Jackson in a native image; the events module has no Quarkus dependency. */
@RegisterForReflection(targets = {FetchRequested.class, CloudEvent.class, ObjectRef.class})
final class EventReflection {

    private EventReflection() {
    }
}
