package io.tributary.artifact.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error bodies: {@code {"status": 400, "reason": "InvalidArchive", "message": "..."}}; the reason is CamelCase, the
 * message names the field or entry.
 */
final class Problem {

    private Problem() {
    }

    static Response badRequest(String reason, String message) {
        return of(Response.Status.BAD_REQUEST, reason, message);
    }

    static Response of(Response.StatusType status, String reason, String message) {
        return of(status.getStatusCode(), reason, message);
    }

    static Response of(int status, String reason, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("reason", reason);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
