package io.tributary.fetcher.worker;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.common.annotation.Blocking;
import io.tributary.api.source.HelmChart;
import io.tributary.events.ArtifactStored;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FetchRequested;
import io.tributary.events.ObjectRef;
import io.tributary.fetcher.schedule.FetchRequestPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** A new source artifact re-triggers the HelmCharts built from that source. */
@ApplicationScoped
public class SourceArtifactListener {

    private static final Logger LOG = Logger.getLogger(SourceArtifactListener.class);

    @Inject
    KubernetesClient client;
    @Inject
    FetchRequestPublisher publisher;

    @Incoming("artifact-events")
    @Blocking
    public void onArtifact(String record) throws Exception {
        if (!ArtifactStored.TYPE.equals(CloudEventCodec.typeOf(record))) {
            return;
        }
        ArtifactStored stored = CloudEventCodec.decode(record, ArtifactStored.class).data();
        ObjectRef source = stored.involvedObject();
        if (!"NewArtifact".equals(stored.reason()) || HelmChart.KIND.equals(source.kind())) {
            return;
        }
        for (HelmChart chart : client.resources(HelmChart.class).inNamespace(source.namespace()).list().getItems()) {
            var ref = chart.getSpec() == null ? null : chart.getSpec().sourceRef;
            if (ref != null && ref.kind != null && ref.kind.name().equals(source.kind()) && source.name().equals(ref.name)) {
                LOG.debugf("source %s changed; requesting HelmChart %s", source.key(), chart.getMetadata().getName());
                publisher.publish(new FetchRequested(new ObjectRef(HelmChart.KIND, source.namespace(), chart.getMetadata().getName()),
                        "SourceArtifactChanged", null, chart.getMetadata().getGeneration() == null ? 0 : chart.getMetadata().getGeneration(),
                        new FetchRequested.SourceArtifact(source, stored.artifact())));
            }
        }
    }

}
