package io.tributary.fetcher.artifact;

import java.io.IOException;

/** artifact-service refused or failed an operation; reported as StorageOperationFailed. */
public class ArtifactStorageException extends IOException {
    public ArtifactStorageException(String message) {
        super(message);
    }
}
