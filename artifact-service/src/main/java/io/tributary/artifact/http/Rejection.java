package io.tributary.artifact.http;

import jakarta.ws.rs.core.Response;

/** A request refused with a 4xx answer; {@link ProblemMapper} turns it into a problem body. */
final class Rejection extends RuntimeException {

    private final Response.Status status;
    private final String reason;

    Rejection(Response.Status status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    static Rejection badRequest(String reason, String message) {
        return new Rejection(Response.Status.BAD_REQUEST, reason, message);
    }

    Response response() {
        return Problem.of(status, reason, getMessage());
    }
}
