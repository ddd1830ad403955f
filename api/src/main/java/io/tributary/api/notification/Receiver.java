package io.tributary.api.notification;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A webhook endpoint that turns external notifications into reconcile requests. */
@Group("notification.toolkit.fluxcd.io")
@Categories({"all", "fluxcd", "fluxcd-notifications"})
@Version("v1")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
public class Receiver extends CustomResource<ReceiverSpec, ReceiverStatus> implements Namespaced {
    public static final String KIND = "Receiver";
}
