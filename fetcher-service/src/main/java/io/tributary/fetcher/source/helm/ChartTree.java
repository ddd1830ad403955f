package io.tributary.fetcher.source.helm;

import io.tributary.api.meta.Reasons;
import io.tributary.operator.archive.SafeTar;
import io.tributary.fetcher.source.FetchFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Extracts one directory of a source artifact (a tar.gz) safely: nothing may land outside the target. */
public final class ChartTree {

    private ChartTree() {
    }

    /** Normalises {@code spec.chart} to a relative directory such as {@code charts/demo}. */
    public static String chartDirectory(String chartPath) throws FetchFailure {
        if (chartPath == null || chartPath.isBlank()) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.chart: must not be empty", true);
        }
        String path = chartPath.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        path = path.replaceAll("/+$", "");
        if (path.startsWith("/") || path.equals("..") || path.startsWith("../") || path.contains("/../") || path.endsWith("/..")) {
            throw new FetchFailure(Reasons.INVALID_PATH, "spec.chart: path '" + chartPath + "' escapes the source artifact", true);
        }
        return path;
    }

    /** A source artifact is built by artifact-service within its own caps; these bound what extracting it may cost. */
    static final SafeTar.Limits SOURCE_LIMITS = new SafeTar.Limits(2L << 30, 8L << 30, 1_000_000, 256);

    /** Extracts the entries under {@code directory} of {@code artifact} into {@code target}; returns false if none. */
    public static boolean extract(Path artifact, String directory, Path target) throws IOException, FetchFailure {
        return extract(artifact, directory, target, SOURCE_LIMITS);
    }

    public static boolean extract(Path artifact, String directory, Path target, SafeTar.Limits limits) throws IOException, FetchFailure {
        try {
            return SafeTar.extract(artifact, directory, target, limits, "source artifact") > 0;
        } catch (SafeTar.Refused refused) {
            throw new FetchFailure(Reasons.CHART_PACKAGE_ERROR, refused.getMessage(), false);
        }
    }
}
