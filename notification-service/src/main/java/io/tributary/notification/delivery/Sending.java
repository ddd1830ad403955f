package io.tributary.notification.delivery;

import io.tributary.notification.provider.NotifierException;
import io.tributary.notification.provider.ProviderClient;
import java.time.Duration;

/** Sends one delivery, retrying a retriable failure with backoff; returns null when delivered, else the last failure. */
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

    public static Poster http() {
        return delivery -> new ProviderClient(delivery.provider()).post(delivery.request());
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
