package io.tributary.artifact.storage;

import io.quarkus.runtime.Startup;
import io.tributary.artifact.ArtifactConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

@ApplicationScoped
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    /** Created at start-up, and cleared of interrupted writes before anything can read or write through it. */
    @Produces
    @ApplicationScoped
    @Startup
    ArtifactStore store(ArtifactConfig config) throws IOException {
        FilesystemArtifactStore store = new FilesystemArtifactStore(Path.of(config.storagePath()));
        FilesystemArtifactStore.Recovery recovery = store.recover();
        if (!recovery.nothingToDo()) {
            LOG.infof("storage %s recovered from interrupted writes: %d temporary files removed, %d orphan digest sidecars removed, "
                    + "%d digests recomputed", store.root(), recovery.leftoversRemoved(), recovery.orphanSidecarsRemoved(),
                    recovery.digestsRepaired());
        }
        return store;
    }
}
