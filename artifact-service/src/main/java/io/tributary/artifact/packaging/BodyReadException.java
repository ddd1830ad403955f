package io.tributary.artifact.packaging;

import java.io.IOException;

/** Reading the request body failed (the client went away, the connection broke): the upload is incomplete, not invalid. */
public class BodyReadException extends IOException {
    public BodyReadException(Exception cause) {
        super("the upload body could not be read to its end: " + cause.getMessage(), cause);
    }
}
