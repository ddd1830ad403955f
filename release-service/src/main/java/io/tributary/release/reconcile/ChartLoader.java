package io.tributary.release.reconcile;

import io.tributary.api.meta.Artifact;
import io.tributary.operator.VerifiedDownload;
import io.tributary.operator.archive.SafeTar;
import io.tributary.release.chart.ChartPackage;
import io.tributary.release.chart.ChartRenderer;
import io.tributary.release.chart.LoadedChart;
import java.io.IOException;
import java.nio.file.Path;

/** Downloads a HelmChart's artifact, checks its digest, unpacks it and loads the chart for rendering. */
final class ChartLoader {

    private final VerifiedDownload downloads = new VerifiedDownload();
    private final long maxBytes;
    private final SafeTar.Limits limits;

    ChartLoader(long maxBytes, long maxFileBytes, long maxUnpackedBytes) {
        this.maxBytes = maxBytes;
        this.limits = new SafeTar.Limits(maxFileBytes, maxUnpackedBytes, 10_000, 64);
    }

    /** The artifact could not be fetched or is not a chart: retried, never a failed release. */
    static final class ChartLoadException extends Exception {
        ChartLoadException(String message) {
            super(message);
        }
    }

    LoadedChart load(Artifact artifact, Path workDir) throws ChartLoadException {
        Path tgz = workDir.resolve("chart.tgz");
        try {
            downloads.download(artifact.url, artifact.digest, tgz, maxBytes);
        } catch (VerifiedDownload.DownloadException e) {
            throw new ChartLoadException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartLoadException("interrupted while downloading the chart");
        }
        try {
            Path dir = ChartPackage.unpack(tgz, workDir.resolve("chart"), limits);
            LoadedChart chart = LoadedChart.load(dir);
            ChartRenderer.maskHooks(dir);
            return chart;
        } catch (IOException e) {
            throw new ChartLoadException("failed to load chart: " + e.getMessage());
        }
    }
}
