package io.tributary.release.drift;

import java.util.List;

/**
 * The comparison of every object of a release manifest, in manifest order, with its summaries (helm-controller's
 * {@code internal/diff/summarize.go}). Pure.
 */
public record DiffSet(List<Diff> diffs) {

    /** The types a summary lists when none are named: removed, changed and excluded objects. */
    public static final List<Diff.Type> DEFAULT_TYPES = List.of(Diff.Type.CREATE, Diff.Type.UPDATE, Diff.Type.EXCLUDE);

    public static final DiffSet EMPTY = new DiffSet(List.of());

    public DiffSet {
        diffs = List.copyOf(diffs);
    }

    public boolean hasType(Diff.Type type) {
        return diffs.stream().anyMatch(d -> d.type() == type);
    }

    /** Whether anything must be created or updated. */
    public boolean hasChanges() {
        return hasType(Diff.Type.CREATE) || hasType(Diff.Type.UPDATE);
    }

    public List<Diff> ofType(Diff.Type type) {
        return diffs.stream().filter(d -> d.type() == type).toList();
    }

    /**
     * One line an object: {@code Kind/ns/name removed}, {@code ... changed (1 additions, 2 changes, 0 removals)},
     * {@code ... excluded}, {@code ... unchanged}; of the {@link #DEFAULT_TYPES}.
     */
    public String summary() {
        return summary(DEFAULT_TYPES);
    }

    /** As {@link #summary()}, of the given types only. */
    public String summary(List<Diff.Type> types) {
        StringBuilder sb = new StringBuilder();
        for (Diff d : diffs) {
            if (!types.contains(d.type())) {
                continue;
            }
            sb.append(d.resourceName());
            switch (d.type()) {
                case NONE -> sb.append(" unchanged\n");
                case CREATE -> sb.append(" removed\n");
                case EXCLUDE -> sb.append(" excluded\n");
                case UPDATE -> sb.append(" changed (").append(count(d, PatchOperation.ADD)).append(" additions, ")
                        .append(count(d, PatchOperation.REPLACE)).append(" changes, ").append(count(d, PatchOperation.REMOVE))
                        .append(" removals)\n");
            }
        }
        return sb.toString().strip();
    }

    /** {@code removed: 1, changed: 3, excluded: 1}: counts of the {@link #DEFAULT_TYPES}. */
    public String brief() {
        return brief(DEFAULT_TYPES);
    }

    /** As {@link #brief()}, counts of the given types in the order given. */
    public String brief(List<Diff.Type> types) {
        StringBuilder sb = new StringBuilder();
        for (Diff.Type t : types) {
            String label = switch (t) {
                case CREATE -> "removed";
                case UPDATE -> "changed";
                case EXCLUDE -> "excluded";
                case NONE -> "unchanged";
            };
            sb.append(label).append(": ").append(ofType(t).size()).append(", ");
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }

    private static long count(Diff d, String op) {
        return d.patch().stream().filter(p -> p.op().equals(op)).count();
    }
}
