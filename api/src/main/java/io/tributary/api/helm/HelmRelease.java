package io.tributary.api.helm;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Helm release to keep installed, as Flux's {@code helm.toolkit.fluxcd.io/v2} HelmRelease. */
@Group("helm.toolkit.fluxcd.io")
@Categories({"all", "fluxcd", "fluxcd-appliers"})
@Version("v2")
@ShortNames("hr")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
public class HelmRelease extends CustomResource<HelmReleaseSpec, HelmReleaseStatus> implements Namespaced {
    public static final String KIND = "HelmRelease";
}
