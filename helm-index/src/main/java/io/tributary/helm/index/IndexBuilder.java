package io.tributary.helm.index;

import io.tributary.semver.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects an index's charts as either reader finds them: each entry kept or skipped by {@link EntryRules}, each
 * chart's versions sorted newest first as Helm's {@code SortEntries} does. A chart whose entries were all skipped stays,
 * with no versions, as in Helm. A chart read twice (JSON, where the last key wins) keeps only what it was read as last.
 */
final class IndexBuilder {

    private final Map<String, List<ChartVersion>> charts = new TreeMap<>();
    private final Map<String, List<SkippedEntry>> skipped = new TreeMap<>();
    private String chart;
    private List<ChartVersion> versions;
    private List<SkippedEntry> skips;

    boolean has(String name) {
        return charts.containsKey(name);
    }

    void startChart(String name) {
        chart = name;
        versions = new ArrayList<>();
        skips = List.of();
    }

    /** A null node in the chart's list. */
    void emptyEntry() {
        skip(new SkippedEntry(chart, null, "empty entry"));
    }

    void entry(EntryDraft entry) {
        EntryRules.sanitize(entry);
        String problem = EntryRules.problem(entry);
        if (problem == null) {
            versions.add(EntryRules.toVersion(entry));
        } else {
            skip(new SkippedEntry(chart, entry.version, problem));
        }
    }

    private void skip(SkippedEntry entry) {
        if (skips.isEmpty()) {
            skips = new ArrayList<>(2);
        }
        skips.add(entry);
    }

    void endChart() {
        charts.put(chart, newestFirst(versions));
        if (skips.isEmpty()) {
            skipped.remove(chart);
        } else {
            skipped.put(chart, skips);
        }
        chart = null;
    }

    /** Descending by precedence; equal versions keep their order (Helm's sort.Sort keeps it for up to 12 versions). */
    private static List<ChartVersion> newestFirst(List<ChartVersion> versions) {
        if (versions.size() < 2) {
            return List.copyOf(versions);
        }
        Ranked[] ranked = new Ranked[versions.size()];
        for (int i = 0; i < ranked.length; i++) {
            ranked[i] = new Ranked(Version.parse(versions.get(i).version()), versions.get(i));
        }
        Arrays.sort(ranked, Comparator.comparing(Ranked::semver).reversed());
        ChartVersion[] sorted = new ChartVersion[ranked.length];
        for (int i = 0; i < ranked.length; i++) {
            sorted[i] = ranked[i].version();
        }
        return List.of(sorted);
    }

    private record Ranked(Version semver, ChartVersion version) {
    }

    HelmIndex build(String apiVersion, String generated) {
        List<SkippedEntry> all = new ArrayList<>();
        skipped.values().forEach(all::addAll);
        return new HelmIndex(apiVersion, generated, charts, all);
    }
}
