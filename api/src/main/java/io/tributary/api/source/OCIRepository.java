package io.tributary.api.source;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An OCI artifact whose layer is fetched from a registry, as Flux's {@code source.toolkit.fluxcd.io/v1} OCIRepository. */
@Group("source.toolkit.fluxcd.io")
@Version("v1")
@Kind("OCIRepository")
@Plural("ocirepositories")
@Singular("ocirepository")
@Categories({"all", "fluxcd", "fluxcd-sources"})
@ShortNames("ocirepo")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.url")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class OCIRepository extends CustomResource<OCIRepositorySpec, OCIRepositoryStatus> implements Namespaced {
    public static final String KIND = "OCIRepository";
}
