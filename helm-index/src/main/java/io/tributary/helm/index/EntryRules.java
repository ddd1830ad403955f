package io.tributary.helm.index;

import io.tributary.semver.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Helm's {@code chart.Metadata.Validate} as {@code loadIndex} applies it to each index entry: strings sanitised first,
 * then name, version (a semantic version), type, maintainers and dependencies checked in that order, the first problem
 * deciding. "More than one dependency with name or alias" is the one problem Helm lets pass
 * ({@code ignoreSkippableChartValidationError}). A missing entry {@code apiVersion} is no problem: Helm sets it to v1.
 */
final class EntryRules {

    private static final Pattern ALIAS = Pattern.compile("^[a-zA-Z0-9_-]+$");

    private EntryRules() {
    }

    /** Why Helm skips the entry, or null when it keeps it. Expects {@link #sanitize} to have run. */
    static String problem(EntryDraft entry) {
        String name = entry.name == null ? "" : entry.name;
        if (name.isEmpty()) {
            return "chart.metadata.name is required";
        }
        if (name.equals(".") || name.equals("..")) {
            return "chart.metadata.name " + ChartText.quote(name) + " is not allowed";
        }
        if (name.indexOf('/') >= 0 && !name.equals("/")) { // filepath.Base(name) != name
            return "chart.metadata.name " + ChartText.quote(name) + " is invalid";
        }
        String version = entry.version == null ? "" : entry.version;
        if (version.isEmpty()) {
            return "chart.metadata.version is required";
        }
        if (Version.tryParse(version) == null) {
            return "chart.metadata.version " + ChartText.quote(version) + " is invalid";
        }
        String type = entry.type == null ? "" : entry.type;
        if (!type.isEmpty() && !type.equals("application") && !type.equals("library")) {
            return "chart.metadata.type must be application or library";
        }
        if (entry.nullMaintainer) {
            return "maintainers must not contain empty or null nodes";
        }
        return dependencyProblem(entry.dependencies);
    }

    private static String dependencyProblem(List<EntryDraft.Dependency> dependencies) {
        Set<String> seen = new HashSet<>();
        for (EntryDraft.Dependency dependency : dependencies) {
            if (dependency == null) {
                return "dependencies must not contain empty or null nodes";
            }
            String name = ChartText.sanitize(dependency.name() == null ? "" : dependency.name());
            String alias = dependency.alias() == null ? "" : dependency.alias();
            if (!alias.isEmpty() && !ALIAS.matcher(alias).matches()) {
                return "dependency " + ChartText.quote(name) + " has disallowed characters in the alias";
            }
            if (!seen.add(alias.isEmpty() ? name : alias)) {
                return null; // "more than one dependency with name or alias": Helm loads the entry anyway
            }
        }
        return null;
    }

    /** Metadata.Validate sanitises these strings before it checks anything, whatever the outcome. */
    static void sanitize(EntryDraft entry) {
        entry.name = ChartText.sanitize(entry.name);
        entry.description = ChartText.sanitize(entry.description);
        entry.home = ChartText.sanitize(entry.home);
        entry.icon = ChartText.sanitize(entry.icon);
        entry.appVersion = ChartText.sanitize(entry.appVersion);
        List<String> keywords = null;
        for (int i = 0; i < entry.keywords.size(); i++) {
            String keyword = entry.keywords.get(i);
            String clean = ChartText.sanitize(keyword);
            if (keywords == null && !clean.equals(keyword)) {
                keywords = new ArrayList<>(entry.keywords);
            }
            if (keywords != null) {
                keywords.set(i, clean);
            }
        }
        if (keywords != null) {
            entry.keywords = List.copyOf(keywords);
        }
    }

    static ChartVersion toVersion(EntryDraft e) {
        return new ChartVersion(e.name, e.version, e.appVersion, e.description, e.digest, e.created, e.urls, e.keywords, e.deprecated,
                e.home, e.icon);
    }
}
