package io.tributary.notification.webhook;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes webhook answers (plain text; {@code Retry-After} on 503s a retry can cure; {@code Allow} on 405) and logs each
 * 5xx once, with its reason. Overload refusals come in floods, so they are logged at most once per interval with a
 * count of those not logged. A body the answer leaves unread is drained when small, so that the sender reads the
 * answer rather than a reset connection; a larger or unbounded one closes the connection.
 */
@ApplicationScoped
class WebhookResponses {

    private static final Logger LOG = Logger.getLogger(WebhookResponses.class);
    private static final long OVERLOAD_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    @Inject
    WebhookSettings settings;

    private final AtomicLong overloadsNotLogged = new AtomicLong();
    private final AtomicLong lastOverloadLog = new AtomicLong(System.nanoTime() - OVERLOAD_LOG_INTERVAL);

    /** Answers a request whose body was not read yet: the body is drained up to twice the body limit, else the connection closes. */
    void refuseUnread(RoutingContext ctx, String receiver, WebhookAnswer answer) {
        HttpServerRequest request = ctx.request();
        long drainLimit = 2 * settings.maxBodyBytes();
        long length = RequestScreen.contentLength(request.getHeader("Content-Length"));
        boolean drain = request.isEnded() || length == RequestScreen.NO_LENGTH || (length >= 0 && length <= drainLimit);
        if (drain && !request.isEnded()) {
            long[] drained = {0};
            // setting a handler resumes the request; the bytes are dropped as they come
            request.handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > drainLimit) {
                    request.connection().close();
                }
            });
        }
        send(ctx, receiver, answer, null, !drain);
    }

    void send(RoutingContext ctx, String receiver, WebhookAnswer answer) {
        send(ctx, receiver, answer, null, false);
    }

    /**
     * @param receiver {@code namespace/name} of the Receiver, when one matched
     * @param cause why a 5xx happened: logged with its stack when it is a fault (unchecked), by its message otherwise
     * @param close whether to close the connection after the answer (part of the body is still on its way)
     */
    void send(RoutingContext ctx, String receiver, WebhookAnswer answer, Throwable cause, boolean close) {
        log(receiver, answer, cause);
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status()).putHeader("Content-Type", "text/plain; charset=utf-8");
        if (answer.retryLater()) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
        }
        if (answer.status() == 405) {
            response.putHeader("Allow", "POST");
        }
        if (close) {
            response.putHeader("Connection", "close");
        }
        var ended = response.end(answer.message() == null ? "" : answer.message());
        if (close) {
            ended.onComplete(done -> ctx.request().connection().close());
        }
    }

    /** 4xx at debug (floods of them are the sender's doing); each 5xx once, a fault with its stack. */
    private void log(String receiver, WebhookAnswer answer, Throwable cause) {
        String who = receiver == null ? "webhook" : "webhook for Receiver " + receiver;
        if (answer.status() < 500) {
            LOG.debugf("%s answered %d: %s", who, answer.status(), answer.message());
        } else if (WebhookAnswer.OVERLOADED.equals(answer)) {
            logOverload(who, answer);
        } else if (cause instanceof RuntimeException || cause instanceof Error) {
            LOG.errorf(cause, "%s answered %d: %s", who, answer.status(), answer.message());
        } else if (cause != null) {
            LOG.warnf("%s answered %d: %s: %s", who, answer.status(), answer.message(), cause.getMessage());
        } else {
            LOG.warnf("%s answered %d: %s", who, answer.status(), answer.message());
        }
    }

    private void logOverload(String who, WebhookAnswer answer) {
        long now = System.nanoTime();
        long last = lastOverloadLog.get();
        if (now - last < OVERLOAD_LOG_INTERVAL || !lastOverloadLog.compareAndSet(last, now)) {
            overloadsNotLogged.incrementAndGet();
            return;
        }
        long more = overloadsNotLogged.getAndSet(0);
        LOG.warnf("%s answered %d: %s%s", who, answer.status(), answer.message(),
                more == 0 ? "" : " (and " + more + " more overload refusals since the last report)");
    }
}
