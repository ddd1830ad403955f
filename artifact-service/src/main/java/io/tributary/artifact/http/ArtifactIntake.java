package io.tributary.artifact.http;

import io.tributary.artifact.ArtifactConfig;
import io.tributary.artifact.catalog.IndexCatalog;
import io.tributary.artifact.events.ArtifactEventPublisher;
import io.tributary.artifact.packaging.BodyReadException;
import io.tributary.artifact.packaging.InvalidArchiveException;
import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore;
import io.tributary.artifact.storage.RetentionPolicy;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.ArtifactStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Stores an upload and announces it: write atomically, point the alias at it, pre-parse a new Helm index, publish
 * ArtifactStored, apply retention. Nothing is announced unless the artifact was stored in full.
 */
@ApplicationScoped
class ArtifactIntake {

    private static final Logger LOG = Logger.getLogger(ArtifactIntake.class);

    @Inject
    ArtifactStore store;
    @Inject
    ArtifactConfig config;
    @Inject
    ArtifactEventPublisher publisher;
    @Inject
    IndexCatalog catalog;

    /** The stored artifact, 201 when its digest is new and 200 when it was already stored. */
    Response store(UploadTarget target, ArtifactStore.Writer writer) throws IOException {
        ArtifactKey key = target.key();
        Optional<ArtifactStore.Stored> previous;
        try {
            previous = store.stat(key);
        } catch (IOException e) {
            throw storageFailed("reading " + key.path(), e);
        }
        ArtifactStore.Stored stored = write(key, writer);
        if (target.alias() != null) {
            try {
                store.link(target.alias(), key);
            } catch (IOException e) {
                throw storageFailed("pointing " + target.alias().file() + " at the stored " + key.path(), e);
            }
        }
        if (IndexCatalog.KIND.equals(key.kind()) && target.alias() != null && IndexCatalog.INDEX.equals(target.alias().file())) {
            catalog.warm(key, stored.digest());
        }
        boolean changed = previous.map(p -> !p.digest().equals(stored.digest())).orElse(true);
        ArtifactInfo info = new ArtifactInfo(key.path(), url(key), target.revision(), stored.digest(), stored.size(),
                stored.lastModified(), Map.of());
        publish(target, info, changed);
        prune(key);
        return Response.status(changed ? Response.Status.CREATED : Response.Status.OK).entity(info).build();
    }

    private ArtifactStore.Stored write(ArtifactKey key, ArtifactStore.Writer writer) throws IOException {
        try {
            return store.write(key, writer);
        } catch (InvalidArchiveException | BodyReadException refused) {
            throw refused;
        } catch (IOException e) {
            throw storageFailed("writing " + key.path(), e);
        }
    }

    private static ServerFailure storageFailed(String what, IOException e) {
        return new ServerFailure(Response.Status.INTERNAL_SERVER_ERROR, "StorageFailed", what + " failed: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private void publish(UploadTarget target, ArtifactInfo info, boolean changed) {
        String revision = target.revision();
        String reason = changed ? "NewArtifact" : "ArtifactUpToDate";
        String message = changed ? "stored artifact for revision '" + revision + "'" : "artifact up to date with revision '" + revision + "'";
        try {
            publisher.publish(new ArtifactStored(target.object(), "info", reason, message,
                    Map.of("revision", revision, "digest", info.digest()), info));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ServerFailure(Response.Status.SERVICE_UNAVAILABLE, "PublishFailed", "stored " + info.path()
                    + " but could not announce it on Kafka (a retry announces it): " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private String url(ArtifactKey key) {
        String base = config.advertisedUrl();
        return (base.endsWith("/") ? base : base + "/") + key.path();
    }

    private void prune(ArtifactKey current) {
        RetentionPolicy policy = new RetentionPolicy(config.retention().records(), config.retention().ttl());
        try {
            for (ArtifactStore.Stored expired : policy.expired(
                    store.list(current.kind(), current.namespace(), current.name()), current, Instant.now())) {
                store.delete(expired.key());
            }
        } catch (IOException e) {
            LOG.warnf("retention of %s failed: %s", current.objectPrefix(), e.getMessage());
        }
    }
}
