package io.tributary.api.source;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** An S3-compatible bucket whose objects are fetched, as Flux's {@code source.toolkit.fluxcd.io/v1} Bucket. */
@Group("source.toolkit.fluxcd.io")
@Categories({"all", "fluxcd", "fluxcd-sources"})
@Version("v1")
@AdditionalPrinterColumn(name = "Endpoint", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.endpoint")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
public class Bucket extends CustomResource<BucketSpec, BucketStatus> implements Namespaced {
    public static final String KIND = "Bucket";
}
