package io.tributary.artifact.storage;

import io.tributary.artifact.ArtifactConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;

@ApplicationScoped
public class StoreProducer {

    @Produces
    @ApplicationScoped
    ArtifactStore store(ArtifactConfig config) throws IOException {
        return new FilesystemArtifactStore(Path.of(config.storagePath()));
    }
}
