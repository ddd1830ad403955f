package io.tributary.helm.index;

/**
 * An index entry left out as Helm leaves it out when it loads an index ({@code loadIndex} in pkg/repo/v1/index.go):
 * a null entry, or one that fails chart metadata validation.
 *
 * @param chart the chart name it is listed under in {@code entries}
 * @param version its {@code version} as written, or null when it has none
 * @param reason Helm's validation message, e.g. {@code chart.metadata.version is required}, or {@code empty entry}
 */
public record SkippedEntry(String chart, String version, String reason) {

    /**
     * One line for a log or an event: how many entries were skipped, and the first {@code listed} of them, e.g.
     * {@code 2 invalid index entries skipped: chart 'a': chart.metadata.name is required; chart 'b' ...}.
     */
    public static String summary(java.util.List<SkippedEntry> skipped, int listed) {
        StringBuilder out = new StringBuilder().append(skipped.size()).append(skipped.size() == 1 ? " invalid index entry" : " invalid index entries")
                .append(" skipped: ");
        for (int i = 0; i < Math.min(listed, skipped.size()); i++) {
            out.append(i == 0 ? "" : "; ").append(skipped.get(i).describe());
        }
        if (skipped.size() > listed) {
            out.append("; and ").append(skipped.size() - listed).append(" more");
        }
        return out.toString();
    }

    /** {@code chart 'nginx' version '1.0.0': reason}, for logs and events. */
    public String describe() {
        return "chart '" + chart + "'" + (version == null || version.isEmpty() ? "" : " version '" + version + "'") + ": " + reason;
    }
}
