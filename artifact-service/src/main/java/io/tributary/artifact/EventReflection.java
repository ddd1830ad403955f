package io.tributary.artifact;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.ArtifactStored;
import io.tributary.events.CloudEvent;
import io.tributary.events.ObjectRef;

/** Registers the Kafka event and catalog records for Jackson in a native image; their modules have no Quarkus dependency. */
@RegisterForReflection(targets = {ArtifactInfo.class, ArtifactStored.class, CloudEvent.class, ObjectRef.class,
        io.tributary.helm.index.ChartVersion.class, io.tributary.artifact.catalog.CatalogResource.ChartSummary.class,
        io.tributary.artifact.catalog.CatalogResource.Page.class})
final class EventReflection {

    private EventReflection() {
    }
}
