package io.tributary.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Encodes and decodes the event records as CloudEvents structured JSON. */
public final class CloudEventCodec {

    private static final Map<Class<?>, String> TYPES = Map.of(
            FetchRequested.class, FetchRequested.TYPE,
            ArtifactStored.class, ArtifactStored.TYPE,
            ReleaseEvent.class, ReleaseEvent.TYPE,
            FluxEvent.class, FluxEvent.TYPE);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CloudEventCodec() {
    }

    /** Wraps {@code data} in an envelope; {@code source} names the producing service, {@code subject} the object key. */
    public static <T> String encode(String source, String subject, T data) {
        String type = TYPES.get(data.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not an event record: " + data.getClass().getName());
        }
        CloudEvent<T> event = new CloudEvent<>("1.0", UUID.randomUUID().toString(), source, type, subject,
                Instant.now(), "application/json", data);
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an envelope whose {@code data} is of {@code dataType}; rejects other event types. */
    public static <T> CloudEvent<T> decode(String json, Class<T> dataType) {
        String expected = TYPES.get(dataType);
        JavaType type = MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, dataType);
        try {
            CloudEvent<T> event = MAPPER.readValue(json.getBytes(StandardCharsets.UTF_8), type);
            if (!expected.equals(event.type())) {
                throw new IllegalArgumentException("expected event type " + expected + ", got " + event.type());
            }
            if (event.data() == null) {
                throw new IllegalArgumentException("event " + event.id() + " has no data");
            }
            return event;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a CloudEvents JSON document: " + e.getMessage(), e);
        }
    }

    /** The event type named in an envelope, without decoding its data. */
    public static String typeOf(String json) {
        try {
            var node = MAPPER.readTree(json);
            var type = node == null ? null : node.get("type");
            return type == null ? null : type.asText();
        } catch (IOException e) {
            return null;
        }
    }
}
