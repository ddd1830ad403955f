package io.tributary.artifact.packaging;

import java.io.IOException;

/** An uploaded archive that cannot become an artifact; the message names the offending entry or limit. */
public class InvalidArchiveException extends IOException {
    public InvalidArchiveException(String message) {
        super(message);
    }
}
