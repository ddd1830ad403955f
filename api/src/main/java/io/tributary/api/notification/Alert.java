package io.tributary.api.notification;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** Which events go to which Provider, as Flux's {@code notification.toolkit.fluxcd.io/v1beta3} Alert (no status). */
@Group("notification.toolkit.fluxcd.io")
@Version("v1beta3")
@Categories({"all", "fluxcd", "fluxcd-notifications"})
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class Alert extends CustomResource<AlertSpec, Void> implements Namespaced {
    public static final String KIND = "Alert";
}
