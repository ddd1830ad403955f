package io.tributary.notification.webhook;

import java.util.Optional;

/**
 * Bounds what webhooks hold at once: a number of admitted requests and a number of body bytes. A request is admitted
 * with the bytes its {@code Content-Length} declares (0 for a chunked body) and grows its share as a chunked body
 * streams in. Pure and thread-safe.
 */
public final class WebhookAdmission {

    private final int maxRequests;
    private final long maxBytes;
    private int requests;
    private long bytes;

    public WebhookAdmission(int maxRequests, long maxBytes) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("tributary.webhook.max-concurrent-requests: must be at least 1, got " + maxRequests);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("tributary.webhook.max-in-flight-body-bytes: must not be negative, got " + maxBytes);
        }
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** A ticket holding {@code declaredBytes}, or empty when the request or its bytes would exceed a bound. */
    public synchronized Optional<Ticket> tryAdmit(long declaredBytes) {
        if (declaredBytes < 0) {
            throw new IllegalArgumentException("declaredBytes must not be negative, got " + declaredBytes);
        }
        if (requests >= maxRequests || declaredBytes > maxBytes - bytes) {
            return Optional.empty();
        }
        requests++;
        bytes += declaredBytes;
        return Optional.of(new Ticket(declaredBytes));
    }

    public synchronized int requests() {
        return requests;
    }

    public synchronized long bytes() {
        return bytes;
    }

    private synchronized boolean grow(Ticket ticket, long more) {
        if (ticket.released || more > maxBytes - bytes) {
            return false;
        }
        bytes += more;
        ticket.held += more;
        return true;
    }

    private synchronized void release(Ticket ticket) {
        if (ticket.released) {
            return;
        }
        ticket.released = true;
        requests--;
        bytes -= ticket.held;
    }

    /** One admitted request's share; {@link #release()} gives it back, once, however often it is called. */
    public final class Ticket {
        private long held;
        private boolean released;

        private Ticket(long held) {
            this.held = held;
        }

        /** Takes {@code more} bytes on top of what this ticket holds; false, holding nothing more, when over the bound. */
        public boolean grow(long more) {
            return WebhookAdmission.this.grow(this, more);
        }

        public void release() {
            WebhookAdmission.this.release(this);
        }

        public long held() {
            synchronized (WebhookAdmission.this) {
                return held;
            }
        }
    }
}
