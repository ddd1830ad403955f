package io.tributary.release.chart;


import io.tributary.operator.archive.SafeTar;
import java.io.IOException;
import java.nio.file.Path;

/** Unpacks a chart package (tgz with one top directory) with the one safe extractor and returns the chart's directory. */
public final class ChartPackage {

    private ChartPackage() {
    }

    public static Path unpack(Path tgz, Path target, SafeTar.Limits limits) throws IOException {
        SafeTar.extractChart(tgz, target, limits, "chart package");
        return target;
    }
}
