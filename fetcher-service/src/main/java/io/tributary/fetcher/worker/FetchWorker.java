package io.tributary.fetcher.worker;

import io.smallrye.common.annotation.Blocking;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.events.CloudEventCodec;
import io.tributary.events.FetchRequested;
import io.tributary.fetcher.source.git.GitRepositoryFetcher;
import io.tributary.fetcher.source.helm.HelmChartBuilder;
import io.tributary.fetcher.status.Sanitizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes FetchRequested records. Records of one source share a partition, so one source is never fetched
 * twice at once; replicas in the same consumer group share the sources between them.
 */
@ApplicationScoped
public class FetchWorker {

    private static final Logger LOG = Logger.getLogger(FetchWorker.class);

    @Inject
    GitRepositoryFetcher git;
    @Inject
    HelmChartBuilder charts;
    @Inject
    io.tributary.fetcher.source.helm.HelmRepositoryFetcher helmRepositories;
    @Inject
    io.tributary.fetcher.source.bucket.BucketFetcher buckets;
    @Inject
    io.tributary.fetcher.source.oci.OCIRepositoryFetcher ociRepositories;

    @Incoming("source-requests")
    @Blocking
    public void onRequest(String record) throws InterruptedException {
        FetchRequested request;
        try {
            request = CloudEventCodec.decode(record, FetchRequested.class).data();
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("skipping a malformed fetch request: %s", malformed.getMessage());
            return;
        }
        try {
            switch (request.source().kind()) {
                case GitRepository.KIND -> git.fetch(request);
                case HelmChart.KIND -> charts.build(request);
                case io.tributary.api.source.HelmRepository.KIND -> helmRepositories.fetch(request);
                case io.tributary.api.source.Bucket.KIND -> buckets.fetch(request);
                case io.tributary.api.source.OCIRepository.KIND -> ociRepositories.fetch(request);
                default -> LOG.debugf("no fetcher for kind %s", request.source().kind());
            }
        } catch (RuntimeException unexpected) {
            // one source's failure must not stop the worker for the others; the scheduler retries it
            LOG.errorf(unexpected, "fetching %s failed: %s", request.source().key(), Sanitizer.sanitize(unexpected.getMessage()));
        }
    }
}
