package io.tributary.artifact.http;

import jakarta.ws.rs.core.Response;

/** A request that failed on our side; {@link ProblemMapper} answers it with its 5xx status and logs it, once. */
final class ServerFailure extends RuntimeException {

    private final Response.Status status;
    private final String reason;

    ServerFailure(Response.Status status, String reason, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.reason = reason;
    }

    Response.Status status() {
        return status;
    }

    String reason() {
        return reason;
    }
}
