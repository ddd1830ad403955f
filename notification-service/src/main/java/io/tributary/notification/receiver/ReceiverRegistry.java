package io.tributary.notification.receiver;

import io.tributary.api.notification.ReceiverSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps webhook paths to the Receiver that owns them, with what of its spec the webhook front checks before it reads a
 * body; filled by the reconciler. A webhook re-reads the Receiver before acting, so a snapshot a moment old only
 * decides what is refused early.
 */
@ApplicationScoped
public class ReceiverRegistry {

    /** A Receiver as last reconciled: where it lives, its type, spec.events and spec.suspend. */
    public record Entry(String namespace, String name, ReceiverSpec.Type type, List<String> events, boolean suspended) {

        public Entry {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    private record Key(String namespace, String name) {
    }

    private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
    private final Map<Key, String> pathOf = new ConcurrentHashMap<>();

    public void register(String path, Entry entry) {
        String previous = pathOf.put(new Key(entry.namespace(), entry.name()), path);
        if (previous != null && !previous.equals(path)) {
            byPath.remove(previous);
        }
        byPath.put(path, entry);
    }

    public void unregister(String namespace, String name) {
        String path = pathOf.remove(new Key(namespace, name));
        if (path != null) {
            byPath.remove(path);
        }
    }

    public Optional<Entry> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
