package io.tributary.fetcher.worker;

import io.smallrye.reactive.messaging.annotations.Blocking;
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
 * Consumes FetchRequested records, up to {@code smallrye.messaging.worker.fetch-workers.max-concurrency} at once per
 * replica, never two of one source at once (records of one source share a partition, and a lock per source keeps a
 * second request for it waiting while the first runs); replicas in the same consumer group share the sources between
 * them. A request only says "fetch this source now": whichever runs first reads the source's spec as it is then.
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

    /** One lock per source being fetched, dropped when no fetch of it runs or waits. */
    private final java.util.concurrent.ConcurrentHashMap<String, Running> running = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Running {
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        int holders;
    }

    @Incoming("source-requests")
    @Blocking(value = "fetch-workers", ordered = false)
    public void onRequest(String record) throws InterruptedException {
        FetchRequested request;
        try {
            request = CloudEventCodec.decode(record, FetchRequested.class).data();
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("skipping a malformed fetch request: %s", malformed.getMessage());
            return;
        }
        String key = request.source().key();
        Running source = running.compute(key, (k, r) -> {
            Running held = r == null ? new Running() : r;
            held.holders++;
            return held;
        });
        try {
            source.lock.lockInterruptibly();
        } catch (InterruptedException stopping) {
            release(key);
            throw stopping;
        }
        try {
            fetch(request);
        } finally {
            source.lock.unlock();
            release(key);
        }
    }

    private void release(String key) {
        running.computeIfPresent(key, (k, r) -> --r.holders == 0 ? null : r);
    }

    private void fetch(FetchRequested request) throws InterruptedException {
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
