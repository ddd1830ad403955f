package io.tributary.events;

import java.util.Objects;

/** Identifies a Kubernetes object; {@link #key()} is the Kafka record key. */
public record ObjectRef(String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public String key() {
        return kind + "/" + namespace + "/" + name;
    }

    /** Parses a record key of the form {@code kind/namespace/name}. */
    public static ObjectRef parse(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("object key must be kind/namespace/name, got '" + key + "'");
        }
        return new ObjectRef(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return key();
    }
}
