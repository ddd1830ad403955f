package io.tributary.api.source;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Helm chart repository whose index is fetched, as Flux's {@code source.toolkit.fluxcd.io/v1} HelmRepository. */
@Group("source.toolkit.fluxcd.io")
@Categories({"all", "fluxcd", "fluxcd-sources"})
@Version("v1")
@ShortNames("helmrepo")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.url")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
public class HelmRepository extends CustomResource<HelmRepositorySpec, HelmRepositoryStatus> implements Namespaced {
    public static final String KIND = "HelmRepository";
}
