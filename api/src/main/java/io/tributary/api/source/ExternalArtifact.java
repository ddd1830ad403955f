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

/**
 * An artifact produced outside the source controllers, as Flux's {@code source.toolkit.fluxcd.io/v1} ExternalArtifact:
 * no controller reconciles it; its producer writes {@code status.artifact} and the Ready condition, and consumers
 * (a HelmRelease's {@code spec.chartRef}) read them.
 */
@Group("source.toolkit.fluxcd.io")
@Version("v1")
@Kind("ExternalArtifact")
@Plural("externalartifacts")
@Singular("externalartifact")
@Categories({"all", "fluxcd", "fluxcd-sources"})
@ShortNames("ea")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
@AdditionalPrinterColumn(name = "Source", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.sourceRef.name")
public class ExternalArtifact extends CustomResource<ExternalArtifactSpec, ExternalArtifactStatus> implements Namespaced {
    public static final String KIND = "ExternalArtifact";
}
