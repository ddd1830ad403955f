package io.tributary.artifact.http;

import io.tributary.artifact.ArtifactConfig;
import io.tributary.artifact.events.ArtifactEventPublisher;
import io.tributary.artifact.packaging.InvalidArchiveException;
import io.tributary.artifact.packaging.TarNormalizer;
import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore;
import io.tributary.artifact.storage.RetentionPolicy;
import io.tributary.events.ArtifactInfo;
import io.tributary.events.ArtifactStored;
import io.tributary.events.ObjectRef;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The fetchers' upload endpoint: takes an uncompressed tar stream of a source tree, turns it into the
 * deterministic tar.gz, stores it atomically and announces it on Kafka.
 */
@Path("/api/v1/artifacts")
public class ArtifactUploadResource {

    private static final Logger LOG = Logger.getLogger(ArtifactUploadResource.class);

    @Inject
    ArtifactStore store;
    @Inject
    ArtifactConfig config;
    @Inject
    ArtifactEventPublisher publisher;
    @Inject
    UploadAuthorization authorization;
    @Inject
    io.tributary.artifact.catalog.IndexCatalog catalog;

    @PUT
    @Path("{kind}/{namespace}/{name}/{file}")
    @Consumes("application/x-tar")
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("file") String file,
            @QueryParam("objectKind") String objectKind, @QueryParam("revision") String revision,
            @QueryParam("alias") String alias, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, InputStream body)
            throws Exception {
        Target target = target(auth, kind, namespace, name, file, alias, objectKind, revision);
        ArtifactKey key = target.key();
        ArtifactKey aliasKey = target.alias();
        TarNormalizer normalizer = new TarNormalizer(config.maxEntryBytes(), config.maxTreeBytes());
        try {
            return store(key, aliasKey, objectKind, namespace, name, revision, out -> {
                TarNormalizer.Result result = normalizer.normalize(body, out);
                return new ArtifactStore.Written(result.digest(), result.size());
            });
        } catch (InvalidArchiveException e) {
            return Problem.badRequest("archive rejected: " + e.getMessage());
        }
    }

    /**
     * Stores the body as it is (a Helm repository index, for one): the digest is the sha256 of the bytes. Bodies over
     * {@code tributary.artifact.max-entry-bytes} are refused with 413, before more than that is read.
     */
    @PUT
    @Path("{kind}/{namespace}/{name}/{file}")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/yaml", "application/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response uploadFile(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("file") String file,
            @QueryParam("objectKind") String objectKind, @QueryParam("revision") String revision,
            @QueryParam("alias") String alias, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) throws Exception {
        Target target = target(auth, kind, namespace, name, file, alias, objectKind, revision);
        ArtifactKey key = target.key();
        ArtifactKey aliasKey = target.alias();
        long limit = config.maxEntryBytes();
        if (contentLength != null && contentLength > limit) {
            return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "file is " + contentLength + " bytes, over the limit of " + limit);
        }
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try {
            return store(key, aliasKey, objectKind, namespace, name, revision, out -> {
                byte[] buffer = new byte[65536];
                long size = 0;
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    size += n;
                    if (size > limit) {
                        throw new InvalidArchiveException("file exceeds the limit of " + limit + " bytes");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                return new ArtifactStore.Written("sha256:" + java.util.HexFormat.of().formatHex(sha.digest()), size);
            });
        } catch (InvalidArchiveException e) {
            return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        }
    }

    private Response store(ArtifactKey key, ArtifactKey aliasKey, String objectKind, String namespace, String name, String revision,
            ArtifactStore.Writer writer) throws Exception {
        Optional<ArtifactStore.Stored> previous = store.stat(key);
        ArtifactStore.Stored stored = store.write(key, writer);
        if (aliasKey != null) {
            store.link(aliasKey, key);
        }
        if (io.tributary.artifact.catalog.IndexCatalog.KIND.equals(key.kind()) && aliasKey != null
                && io.tributary.artifact.catalog.IndexCatalog.INDEX.equals(aliasKey.file())) {
            catalog.warm(key, stored.digest());
        }
        boolean changed = previous.map(p -> !p.digest().equals(stored.digest())).orElse(true);
        ObjectRef ref = new ObjectRef(objectKind, namespace, name);
        ArtifactInfo info = new ArtifactInfo(key.path(), url(key), revision, stored.digest(), stored.size(),
                stored.lastModified(), Map.of());
        String reason = changed ? "NewArtifact" : "ArtifactUpToDate";
        String message = changed ? "stored artifact for revision '" + revision + "'" : "artifact up to date with revision '" + revision + "'";
        publisher.publish(new ArtifactStored(ref, "info", reason, message,
                Map.of("revision", revision, "digest", stored.digest()), info));
        prune(key);
        return Response.status(changed ? Response.Status.CREATED : Response.Status.OK).entity(info).build();
    }

    @DELETE
    @Path("{kind}/{namespace}/{name}")
    public Response deleteAll(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) throws IOException {
        if (!authorization.permits(auth)) {
            return Problem.of(Response.Status.UNAUTHORIZED, "a valid upload token is required");
        }
        try {
            new ArtifactKey(kind, namespace, name, "probe");
        } catch (IllegalArgumentException e) {
            return Problem.badRequest(e.getMessage());
        }
        for (ArtifactStore.Stored stored : store.list(kind.toLowerCase(Locale.ROOT), namespace, name)) {
            store.delete(stored.key());
        }
        return Response.noContent().build();
    }

    /** The upload's target once the token and the parameters are checked; a refusal is thrown as its 401 or 400 answer. */
    private Target target(String auth, String kind, String namespace, String name, String file, String alias, String objectKind,
            String revision) {
        if (!authorization.permits(auth)) {
            throw new jakarta.ws.rs.WebApplicationException(Problem.of(Response.Status.UNAUTHORIZED, "a valid upload token is required"));
        }
        try {
            return Target.of(kind, namespace, name, file, alias, objectKind, revision);
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.WebApplicationException(Problem.badRequest(e.getMessage()));
        }
    }

    /** Where an upload goes, checked: the artifact's key, its optional alias, and the request's parameters. */
    record Target(ArtifactKey key, ArtifactKey alias) {
        static Target of(String kind, String namespace, String name, String file, String alias, String objectKind, String revision) {
            ArtifactKey key = new ArtifactKey(kind, namespace, name, file);
            ArtifactKey aliasKey = alias == null || alias.isBlank() ? null : new ArtifactKey(kind, namespace, name, alias);
            if (key.equals(aliasKey)) {
                throw new IllegalArgumentException("alias: must differ from the artifact's file name");
            }
            requireObjectKind(objectKind, key);
            if (revision == null || revision.isBlank()) {
                throw new IllegalArgumentException("revision: must not be empty");
            }
            return new Target(key, aliasKey);
        }
    }

    private static void requireObjectKind(String objectKind, ArtifactKey key) {
        if (objectKind == null || !objectKind.toLowerCase(Locale.ROOT).equals(key.kind())) {
            throw new IllegalArgumentException("objectKind: must name the object's kind matching path kind '"
                    + key.kind() + "', got '" + objectKind + "'");
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
