package io.tributary.api.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReceiverStatus {
    public Long observedGeneration;
    public List<Condition> conditions;
    /** {@code /hook/} + hex(sha256(token + name + namespace)). */
    public String webhookPath;
    public String lastHandledReconcileAt;
}
