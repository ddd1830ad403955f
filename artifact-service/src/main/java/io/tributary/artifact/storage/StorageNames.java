package io.tributary.artifact.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The file names the filesystem store uses beside an object's artifacts. Artifact files start with a letter or digit;
 * everything the store keeps for itself either starts with a dot (links, temporary files) or ends in
 * {@code .sha256} (digest sidecars), so no upload can name, overwrite or shadow it.
 */
public final class StorageNames {

    public static final String DIGEST_SUFFIX = ".sha256";
    private static final String TEMP_MARK = ".tmp-";
    /** Stable names that point at an object's newest artifact: a chart's {@code latest.tar.gz}, a repository's {@code index.yaml}. */
    private static final Pattern LINK = Pattern.compile("latest(\\.[A-Za-z0-9]+)*|index\\.yaml");

    private StorageNames() {
    }

    public static String digestSidecar(String file) {
        return file + DIGEST_SUFFIX;
    }

    public static boolean isDigestSidecar(String fileName) {
        return fileName.endsWith(DIGEST_SUFFIX);
    }

    public static String linkFile(String alias) {
        return "." + alias + ".link";
    }

    /** Whether {@code file} is reserved for links ({@code latest}, {@code latest.tar.gz}, {@code index.yaml}, ...). */
    public static boolean isLinkName(String file) {
        return LINK.matcher(file).matches();
    }

    /** A fresh temporary name; short and independent of the artifact's name, so it fits wherever the artifact does. */
    public static String tempFile() {
        return TEMP_MARK + UUID.randomUUID();
    }

    /**
     * Whether {@code fileName} is a temporary file a write left behind when the process died: {@code .tmp-<uuid>}, and
     * the {@code .<file>.tmp-<uuid>} and {@code .<alias>.link.tmp-<uuid>} of earlier versions.
     */
    public static boolean isLeftover(String fileName) {
        return fileName.startsWith(".") && fileName.contains(TEMP_MARK);
    }

    /** Whether {@code fileName}, found in an object's directory, is one of its artifacts. */
    public static boolean isArtifactFile(String fileName) {
        return !fileName.startsWith(".") && !isDigestSidecar(fileName);
    }
}
