package io.tributary.api.source;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Helm chart packaged from a HelmRepository, GitRepository or Bucket. */
@Group("source.toolkit.fluxcd.io")
@Categories({"all", "fluxcd", "fluxcd-sources"})
@Version("v1")
@ShortNames("hc")
@AdditionalPrinterColumn(name = "Chart", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.chart")
@AdditionalPrinterColumn(name = "Version", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Source Kind", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.sourceRef.kind")
@AdditionalPrinterColumn(name = "Source Name", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.sourceRef.name")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
public class HelmChart extends CustomResource<HelmChartSpec, HelmChartStatus> implements Namespaced {
    public static final String KIND = "HelmChart";
}
