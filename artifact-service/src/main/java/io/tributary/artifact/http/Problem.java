package io.tributary.artifact.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Error bodies: {@code {"status": 400, "message": "..."}}. */
final class Problem {

    private Problem() {
    }

    static Response badRequest(String message) {
        return of(Response.Status.BAD_REQUEST, message);
    }

    static Response of(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", status.getStatusCode(), "message", message)).build();
    }
}
