package io.tributary.release;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tributary.events.ReleaseEvent;
import io.tributary.events.CloudEvent;
import io.tributary.events.ObjectRef;
import io.tributary.release.storage.HelmReleaseRecord;

/** Registers the Kafka event records and Helm's release record for Jackson in a native image; the events module has no Quarkus dependency. */
@RegisterForReflection(targets = {ReleaseEvent.class, CloudEvent.class, ObjectRef.class, HelmReleaseRecord.class,
        HelmReleaseRecord.Info.class, HelmReleaseRecord.Chart.class, HelmReleaseRecord.File.class})
final class EventReflection {

    private EventReflection() {
    }
}
