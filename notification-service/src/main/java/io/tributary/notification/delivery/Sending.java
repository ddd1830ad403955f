package io.tributary.notification.delivery;

import io.tributary.notification.provider.NotifierException;
import io.tributary.notification.provider.ProviderClient;
import io.tributary.notification.provider.ProviderConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends one delivery, retrying a retriable failure with backoff, and says whether it was delivered and after how many attempts. */
public final class Sending {

    /** How to wait between attempts (a test passes one that does not sleep). */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What actually posts (the real {@link ProviderClient}, or a test's). */
    public interface Poster {
        void post(Delivery delivery) throws NotifierException, InterruptedException;
    }

    public record Outcome(boolean delivered, int attempts, NotifierException failure) {
    }

    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Poster poster;

    public Sending(Backoff backoff, Sleeper sleeper, Poster poster) {
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.poster = poster;
    }

    /** Posts with one HTTP client per Provider configuration (a client holds a selector thread), the 64 latest kept. */
    public static Poster http() {
        Map<ProviderConfig, ProviderClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ProviderConfig, ProviderClient> eldest) {
                return size() > 64;
            }
        };
        return delivery -> {
            ProviderClient client;
            synchronized (clients) {
                client = clients.get(delivery.provider());
                if (client == null) {
                    client = new ProviderClient(delivery.provider());
                    clients.put(delivery.provider(), client);
                }
            }
            client.post(delivery.request());
        };
    }

    public Outcome send(Delivery delivery) throws InterruptedException {
        NotifierException last = null;
        for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
            sleeper.sleep(backoff.before(attempt));
            try {
                poster.post(delivery);
                return new Outcome(true, attempt, null);
            } catch (NotifierException e) {
                last = e;
                if (!e.retriable()) {
                    return new Outcome(false, attempt, e);
                }
            }
        }
        return new Outcome(false, backoff.attempts(), last);
    }
}
