package io.tributary.notification.receiver;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Maps webhook paths to the Receiver that owns them; filled by the reconciler. */
@ApplicationScoped
public class ReceiverRegistry {

    public record Entry(String namespace, String name) {
    }

    private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
    private final Map<Entry, String> pathOf = new ConcurrentHashMap<>();

    public void register(String path, String namespace, String name) {
        Entry entry = new Entry(namespace, name);
        String previous = pathOf.put(entry, path);
        if (previous != null && !previous.equals(path)) {
            byPath.remove(previous);
        }
        byPath.put(path, entry);
    }

    public void unregister(String namespace, String name) {
        String path = pathOf.remove(new Entry(namespace, name));
        if (path != null) {
            byPath.remove(path);
        }
    }

    public Optional<Entry> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
