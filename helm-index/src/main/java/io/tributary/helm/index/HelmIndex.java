package io.tributary.helm.index;

import io.tributary.semver.Constraint;
import io.tributary.semver.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Helm repository index, read and validated: every chart with its versions, newest first.
 *
 * @param charts chart name → versions, names in lexical order
 * @param skipped the entries left out as Helm leaves them out (invalid or null), in chart order; log or report them once
 */
public record HelmIndex(String apiVersion, String generated, Map<String, List<ChartVersion>> charts, List<SkippedEntry> skipped) {

    public HelmIndex {
        skipped = List.copyOf(skipped);
    }

    /** An index with nothing skipped. */
    public HelmIndex(String apiVersion, String generated, Map<String, List<ChartVersion>> charts) {
        this(apiVersion, generated, charts, List.of());
    }

    public int versionCount() {
        return charts.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Picks a chart version as Flux does: an exact match of {@code constraint} first, otherwise the highest version the
     * constraint allows ({@code *} or empty: the latest stable version).
     *
     * @throws IllegalArgumentException when the constraint is not one
     */
    public Optional<ChartVersion> select(String chart, String constraint) {
        List<ChartVersion> versions = charts.get(chart);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        String wanted = constraint == null || constraint.isBlank() ? "*" : constraint.trim();
        for (ChartVersion v : versions) {
            if (v.version().equals(wanted)) {
                return Optional.of(v);
            }
        }
        Constraint parsed = Constraint.parse(wanted);
        Version exact = Version.tryParse(wanted);
        if (exact != null) {
            for (ChartVersion v : versions) {
                if (v.semver().sameAs(exact)) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.ofNullable(parsed.best(versions, ChartVersion::semver));
    }
}
