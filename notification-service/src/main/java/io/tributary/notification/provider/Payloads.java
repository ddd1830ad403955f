package io.tributary.notification.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.events.FluxEvent;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** JSON encoding and the few text forms the notifiers share. */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Payloads() {
    }

    static byte[] json(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a notification", e);
        }
    }

    /** {@code kind/name.namespace} with the kind lower-cased, as Flux's chat notifiers title a message. */
    static String objectName(FluxEvent event) {
        FluxEvent.InvolvedObject o = event.involvedObject();
        return o.kind().toLowerCase(Locale.ROOT) + "/" + o.name() + "." + o.namespace();
    }

    /** Metadata in key order (Go's map order is random; tests assert on content, not order). */
    static Map<String, String> sortedMetadata(FluxEvent event) {
        return new TreeMap<>(event.metadata());
    }

    static boolean isError(FluxEvent event) {
        return FluxEvent.ERROR.equals(event.severity());
    }
}
