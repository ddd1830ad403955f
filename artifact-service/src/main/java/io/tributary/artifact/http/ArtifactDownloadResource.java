package io.tributary.artifact.http;

import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Serves stored artifacts at {@code /<kind>/<namespace>/<name>/<file>} with Content-Length and a digest ETag. */
@Path("/")
public class ArtifactDownloadResource {

    @Inject
    ArtifactStore store;

    @GET
    @Path("{kind}/{namespace}/{name}/{file}")
    public Response get(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("file") String file,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) throws IOException {
        return serve(kind, namespace, name, file, ifNoneMatch, true);
    }

    @HEAD
    @Path("{kind}/{namespace}/{name}/{file}")
    public Response head(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("file") String file) throws IOException {
        return serve(kind, namespace, name, file, null, false);
    }

    private Response serve(String kind, String namespace, String name, String file, String ifNoneMatch,
            boolean withBody) throws IOException {
        ArtifactKey key;
        try {
            key = new ArtifactKey(kind, namespace, name, file);
        } catch (IllegalArgumentException e) {
            return Problem.of(Response.Status.NOT_FOUND, "NotFound", e.getMessage());
        }
        Optional<ArtifactStore.Stored> stored = store.stat(key);
        if (stored.isEmpty()) {
            Optional<ArtifactKey> target = store.resolveLink(key);
            if (target.isPresent()) {
                key = target.get();
                stored = store.stat(key);
            }
        }
        if (stored.isEmpty()) {
            return Problem.of(Response.Status.NOT_FOUND, "NotFound", "no artifact at " + key.path());
        }
        String etag = "\"" + stored.get().digest() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        Response.ResponseBuilder response = Response.ok()
                .type(contentType(file))
                .header(HttpHeaders.CONTENT_LENGTH, stored.get().size())
                .header(HttpHeaders.ETAG, etag);
        if (withBody) {
            Optional<InputStream> body = store.open(key);
            if (body.isEmpty()) {
                return Problem.of(Response.Status.NOT_FOUND, "NotFound", "no artifact at " + key.path());
            }
            response.entity(body.get());
        }
        return response.build();
    }

    static String contentType(String file) {
        if (file.endsWith(".tar.gz") || file.endsWith(".tgz")) {
            return "application/gzip";
        }
        if (file.endsWith(".yaml") || file.endsWith(".yml")) {
            return "application/yaml";
        }
        if (file.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
