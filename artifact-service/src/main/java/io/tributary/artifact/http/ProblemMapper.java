package io.tributary.artifact.http;

import io.tributary.artifact.packaging.BodyReadException;
import io.tributary.artifact.packaging.InvalidArchiveException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure becomes a problem body. This is the one place a 5xx is answered from an exception, and it logs each
 * such answer once, with the request's method and path (never its query or headers) and the reason.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response rejected(Rejection e) {
        return e.response();
    }

    @ServerExceptionMapper
    public Response invalidArchive(InvalidArchiveException e) {
        return Problem.badRequest("InvalidArchive", "archive rejected: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response incompleteBody(BodyReadException e) {
        return Problem.badRequest("IncompleteBody", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", "Content-Type: '"
                + (type == null ? "" : type) + "' is not accepted; archives are uploaded as " + ArtifactUploadResource.ARCHIVE_TYPES
                + ", single files as " + ArtifactUploadResource.FILE_TYPES);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request) {
        Response response = e.getResponse();
        if (response.getStatus() >= 500) {
            log(request, uri, response.getStatus(), "InternalError", e.getMessage(), e);
        }
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        return Problem.of(status.getStatusCode(), status.getReasonPhrase().replace(" ", ""), e.getMessage());
    }

    @ServerExceptionMapper
    public Response failed(ServerFailure e, UriInfo uri, Request request) {
        log(request, uri, e.status().getStatusCode(), e.reason(), e.getMessage(), e.getCause());
        return Problem.of(e.status(), e.reason(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, Request request) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        log(request, uri, 500, "InternalError", message, e);
        return Problem.of(500, "InternalError", message);
    }

    private static void log(Request request, UriInfo uri, int status, String reason, String message, Throwable cause) {
        LOG.errorf(cause, "%s /%s answered %d %s: %s", request.getMethod(), uri.getPath().replaceFirst("^/", ""), status, reason, message);
    }
}
