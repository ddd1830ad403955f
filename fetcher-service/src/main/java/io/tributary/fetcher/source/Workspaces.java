package io.tributary.fetcher.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.StartupEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where fetches work: one directory per replica ({@code tributary.fetcher.workspace-dir}), emptied at start-up so a
 * killed process leaves nothing behind for long. A workspace's name is the kind and a hash of namespace/name, so it
 * stays short for every valid name (253 characters) and namespace (63).
 */
@ApplicationScoped
public class Workspaces {

    private static final Logger LOG = Logger.getLogger(Workspaces.class);

    @ConfigProperty(name = "tributary.fetcher.workspace-dir")
    Path root;

    void cleanAtStartup(@Observes StartupEvent started) throws IOException {
        int removed = clean(root);
        if (removed > 0) {
            LOG.infof("removed %d workspace(s) left over in %s", removed, root);
        }
    }

    /** Deletes everything under {@code root} (creating it if missing); returns how many top-level entries went. */
    static int clean(Path root) throws IOException {
        Files.createDirectories(root);
        int removed = 0;
        try (Stream<Path> leftovers = Files.list(root)) {
            for (Path leftover : leftovers.toList()) {
                Workspace.delete(leftover);
                removed++;
            }
        }
        return removed;
    }

    public Workspace create(String kind, String namespace, String name) {
        try {
            Files.createDirectories(root);
            return new Workspace(Files.createTempDirectory(root, prefix(kind, namespace, name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a workspace under " + root, e);
        }
    }

    static String prefix(String kind, String namespace, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
            return kind.toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(digest, 0, 8) + "-";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
