package io.tributary.fetcher.source.helm;


import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.operator.archive.SafeTar;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Unpacks a chart package pulled from a repository with the one safe extractor ({@link SafeTar}): a refused package
 * is a ChartPullError naming what was wrong.
 */
public final class ChartArchive {

    /** Size limits for one package. */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxEntries) {
        SafeTar.Limits tar() {
            return new SafeTar.Limits(maxFileBytes, maxTotalBytes, maxEntries, MAX_DEPTH);
        }
    }

    /** Deeper than any chart needs; a tar of thousands of nested directories is an attack. */
    static final int MAX_DEPTH = 64;

    private ChartArchive() {
    }

    /** Unpacks the chart's files into {@code target} (its top-level directory stripped); returns that directory's name. */
    public static String extract(Path archive, Path target, Limits limits, String what) throws IOException, FetchFailure {
        try {
            return SafeTar.extractChart(archive, target, limits.tar(), what);
        } catch (SafeTar.Refused refused) {
            throw new FetchFailure(Reasons.CHART_PULL_ERROR, refused.getMessage(), false);
        }
    }
}
