package io.tributary.artifact.http;

import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.StorageNames;
import io.tributary.events.ObjectRef;

/**
 * Where an upload goes, checked: the artifact's key, its optional stable alias, and the revision it holds. The
 * store's own names (digest sidecars, temporary files, the stable links) are not uploadable: an upload there could
 * overwrite another artifact's digest or shadow a link.
 */
record UploadTarget(ArtifactKey key, ArtifactKey alias, String revision) {

    static final int MAX_REVISION = 1024;

    /** @throws Rejection (400) naming the field and the problem */
    static UploadTarget of(String kind, String namespace, String name, String file, String alias, String objectKind, String revision) {
        requireNotReserved("file", file);
        ArtifactKey key = key(kind, namespace, name, file);
        if (StorageNames.isLinkName(key.file())) {
            throw Rejection.badRequest("ReservedName", "file: '" + file + "' is reserved for the stable link to the newest artifact; "
                    + "upload under the artifact's own name with alias=" + file);
        }
        ArtifactKey aliasKey = null;
        if (alias != null && !alias.isEmpty()) {
            requireNotReserved("alias", alias);
            try {
                aliasKey = new ArtifactKey(kind, namespace, name, alias);
            } catch (IllegalArgumentException e) {
                throw Rejection.badRequest("InvalidRequest", e.getMessage().replaceFirst("^file:", "alias:"));
            }
            if (!StorageNames.isLinkName(alias)) {
                throw Rejection.badRequest("InvalidRequest", "alias: must be a stable link name (latest, latest.<extension> "
                        + "or index.yaml), got '" + alias + "'");
            }
        }
        if (!key.objectKind().equals(objectKind)) {
            throw Rejection.badRequest("InvalidRequest", "objectKind: must be '" + key.objectKind() + "' for path kind '" + key.kind()
                    + "', got '" + (objectKind == null ? "" : ArtifactKey.printable(objectKind)) + "'");
        }
        requireRevision(revision);
        return new UploadTarget(key, aliasKey, revision);
    }

    /** The object the artifact belongs to, as events name it. */
    ObjectRef object() {
        return new ObjectRef(key.objectKind(), key.namespace(), key.name());
    }

    static ArtifactKey key(String kind, String namespace, String name, String file) {
        try {
            return new ArtifactKey(kind, namespace, name, file);
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest(e.getMessage().contains("reserved") ? "ReservedName" : "InvalidRequest", e.getMessage());
        }
    }

    private static void requireNotReserved(String field, String file) {
        if (file == null) {
            return;
        }
        if (file.startsWith(".") && !file.startsWith("..") && !file.contains("/")) {
            throw Rejection.badRequest("ReservedName", field + ": names starting with '.' are reserved for the store's own files "
                    + "(links, temporary files), got '" + ArtifactKey.printable(file) + "'");
        }
        if (StorageNames.isDigestSidecar(file)) {
            throw Rejection.badRequest("ReservedName", field + ": names ending in '" + StorageNames.DIGEST_SUFFIX
                    + "' are reserved for digest sidecars, got '" + ArtifactKey.printable(file) + "'");
        }
    }

    private static void requireRevision(String revision) {
        if (revision == null || revision.isBlank()) {
            throw Rejection.badRequest("InvalidRequest", "revision: must not be empty");
        }
        if (revision.length() > MAX_REVISION) {
            throw Rejection.badRequest("InvalidRequest", "revision: must be at most " + MAX_REVISION + " characters, got " + revision.length());
        }
        if (revision.chars().anyMatch(Character::isISOControl)) {
            throw Rejection.badRequest("InvalidRequest", "revision: must not contain control characters, got '"
                    + ArtifactKey.printable(revision) + "'");
        }
    }
}
