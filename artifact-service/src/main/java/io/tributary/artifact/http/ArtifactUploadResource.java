package io.tributary.artifact.http;

import io.tributary.artifact.ArtifactConfig;
import io.tributary.artifact.packaging.BodyReadException;
import io.tributary.artifact.packaging.TarNormalizer;
import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fetchers' upload endpoint: takes a tar stream of a source tree (plain or gzip-compressed), turns it into the
 * deterministic tar.gz, stores it atomically and announces it on Kafka; or stores a single file (a Helm index) as it is.
 */
@Path("/api/v1/artifacts")
public class ArtifactUploadResource {

    static final List<String> ARCHIVE_TYPES = List.of("application/x-tar", "application/gzip", "application/x-gzip");
    static final List<String> FILE_TYPES = List.of(MediaType.APPLICATION_OCTET_STREAM, "application/yaml", "application/x-yaml");

    @Inject
    ArtifactConfig config;
    @Inject
    UploadAuthorization authorization;
    @Inject
    ArtifactIntake intake;
    @Inject
    ArtifactStore store;

    @PUT
    @Path("{kind}/{namespace}/{name}/{file}")
    @Consumes({"application/x-tar", "application/gzip", "application/x-gzip"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("file") String file,
            @QueryParam("objectKind") String objectKind, @QueryParam("revision") String revision,
            @QueryParam("alias") String alias, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        UploadTarget target = target(auth, kind, namespace, name, file, alias, objectKind, revision);
        requireContentType(contentType);
        TarNormalizer normalizer = new TarNormalizer(config.archiveLimits());
        return intake.store(target, out -> {
            TarNormalizer.Result result = normalizer.normalize(body, out);
            return new ArtifactStore.Written(result.digest(), result.size());
        });
    }

    /**
     * Stores the body as it is (a Helm repository index, for one): the digest is the sha256 of the bytes. Bodies over
     * {@code tributary.artifact.max-entry-bytes} are refused with 413, before more than that is read; archives are not
     * taken this way, since they would skip every check {@link #upload} makes.
     */
    @PUT
    @Path("{kind}/{namespace}/{name}/{file}")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/yaml", "application/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response uploadFile(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("file") String file,
            @QueryParam("objectKind") String objectKind, @QueryParam("revision") String revision,
            @QueryParam("alias") String alias, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) throws IOException {
        UploadTarget target = target(auth, kind, namespace, name, file, alias, objectKind, revision);
        requireContentType(contentType);
        if (isArchiveName(target.key().file())) {
            throw new Rejection(Response.Status.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", "Content-Type: '"
                    + (contentType == null ? "" : contentType) + "' cannot be stored as the archive '" + target.key().file()
                    + "'; archives are uploaded as " + ARCHIVE_TYPES);
        }
        long limit = config.maxEntryBytes();
        if (contentLength != null && contentLength > limit) {
            throw tooLarge("file is " + contentLength + " bytes, over the limit of " + limit);
        }
        return intake.store(target, out -> {
            MessageDigest sha = sha256();
            byte[] buffer = new byte[65536];
            long size = 0;
            int n;
            while ((n = read(body, buffer)) >= 0) {
                size += n;
                if (size > limit) {
                    throw tooLarge("file exceeds the limit of " + limit + " bytes");
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            if (size == 0) {
                throw Rejection.badRequest("InvalidRequest", "body: must not be empty");
            }
            return new ArtifactStore.Written("sha256:" + HexFormat.of().formatHex(sha.digest()), size);
        });
    }

    @DELETE
    @Path("{kind}/{namespace}/{name}")
    public Response deleteAll(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) throws IOException {
        requireToken(auth);
        ArtifactKey probe = UploadTarget.key(kind, namespace, name, "probe");
        for (ArtifactStore.Stored stored : store.list(probe.kind(), probe.namespace(), probe.name())) {
            store.delete(stored.key());
        }
        return Response.noContent().build();
    }

    /** The upload's target once the token and the parameters are checked. */
    private UploadTarget target(String auth, String kind, String namespace, String name, String file, String alias, String objectKind,
            String revision) {
        requireToken(auth);
        return UploadTarget.of(kind, namespace, name, file, alias, objectKind, revision);
    }

    private void requireToken(String auth) {
        if (!authorization.permits(auth)) {
            throw new Rejection(Response.Status.UNAUTHORIZED, "Unauthorized", "a valid upload token is required");
        }
    }

    /** Without a Content-Type, JAX-RS would pick either endpoint; an upload must say what it is. */
    private static void requireContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new Rejection(Response.Status.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", "Content-Type: required; archives are "
                    + "uploaded as " + ARCHIVE_TYPES + ", single files as " + FILE_TYPES);
        }
    }

    static boolean isArchiveName(String file) {
        return file.endsWith(".tar.gz") || file.endsWith(".tgz") || file.endsWith(".tar");
    }

    private static int read(InputStream body, byte[] buffer) throws BodyReadException {
        try {
            return body.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw new BodyReadException(e);
        }
    }

    private static Rejection tooLarge(String message) {
        return new Rejection(Response.Status.REQUEST_ENTITY_TOO_LARGE, "PayloadTooLarge", message);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
