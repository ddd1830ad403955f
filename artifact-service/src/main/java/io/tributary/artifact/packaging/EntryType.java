package io.tributary.artifact.packaging;

/**
 * What a tar entry is, by its type flag alone (commons-compress also calls any name ending in {@code /} a directory,
 * a symlink {@code x/} included). What an artifact does with each type follows fluxcd/pkg/tar's {@code Untar} with
 * {@code WithSkipSymlinks}: directories and regular files are kept, symbolic links dropped, anything else refused.
 */
public enum EntryType {
    DIRECTORY, FILE, SYMLINK, HARDLINK, DEVICE, FIFO, SPARSE, UNSUPPORTED;

    public static EntryType of(byte typeFlag, String name) {
        return switch (typeFlag) {
            case '5', 'D' -> DIRECTORY; // 'D': a GNU dump directory, a directory whose content lists its files
            case '0', 0, '7' -> name.endsWith("/") ? DIRECTORY : FILE; // pre-POSIX tars mark directories by the slash alone
            case '2' -> SYMLINK;
            case '1' -> HARDLINK;
            case '3', '4' -> DEVICE;
            case '6' -> FIFO;
            case 'S' -> SPARSE;
            default -> UNSUPPORTED;
        };
    }

    /** How a refusal names the type. */
    public String describe() {
        return switch (this) {
            case HARDLINK -> "a hard link";
            case DEVICE -> "a device file";
            case FIFO -> "a named pipe";
            case SPARSE -> "a sparse file";
            default -> "of an unsupported type";
        };
    }
}
