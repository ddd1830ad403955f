package io.tributary.notification.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads an admitted webhook's body into memory, counting it against the request's {@link WebhookAdmission.Ticket}:
 * a body over {@code max-body-bytes} gets 413 as soon as it passes the limit, a chunked body that would take the
 * in-flight bytes over their bound gets 503, a body not complete within {@code body-read-timeout} gets 408; each of
 * these closes the connection, since the rest of the body is still coming.
 */
@ApplicationScoped
class WebhookBodies {

    static final String BODY = "tributary.webhook.body";

    @Inject
    WebhookSettings settings;
    @Inject
    WebhookResponses responses;

    void read(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            ctx.put(BODY, new byte[0]);
            ctx.next();
            return;
        }
        new Reading(ctx).start();
    }

    private final class Reading {
        private final RoutingContext ctx;
        private final WebhookAdmission.Ticket ticket;
        private final String receiver;
        private final Buffer body;
        private long timer;
        private boolean done;

        Reading(RoutingContext ctx) {
            this.ctx = ctx;
            this.ticket = ctx.get(WebhookRoutes.TICKET);
            this.receiver = ctx.get(WebhookRoutes.RECEIVER_KEY);
            long declared = ticket.held();
            // a declared length is exact and within the limit, so the buffer never grows or copies
            this.body = Buffer.buffer((int) (declared > 0 ? declared : Math.min(65536, settings.maxBodyBytes())));
        }

        void start() {
            HttpServerRequest request = ctx.request();
            timer = ctx.vertx().setTimer(Math.max(1, settings.bodyReadTimeout().toMillis()), id -> fail(WebhookAnswer.of(408,
                    "the body did not arrive within " + settings.bodyReadTimeout().toSeconds() + "s")));
            if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                ctx.response().writeContinue();
            }
            request.handler(this::chunk).endHandler(v -> end()).exceptionHandler(e -> abandon());
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (done) {
                return;
            }
            long total = (long) body.length() + chunk.length();
            if (total > settings.maxBodyBytes()) {
                fail(WebhookAnswer.of(413, "the body is larger than " + settings.maxBodyBytes() + " bytes"));
                return;
            }
            if (total > ticket.held() && !ticket.grow(total - ticket.held())) {
                fail(WebhookAnswer.OVERLOADED);
                return;
            }
            body.appendBuffer(chunk);
        }

        private void end() {
            if (done) {
                return;
            }
            done = true;
            ctx.vertx().cancelTimer(timer);
            ctx.put(BODY, body.getBytes());
            ctx.next();
        }

        private void fail(WebhookAnswer answer) {
            if (done) {
                return;
            }
            done = true;
            ctx.vertx().cancelTimer(timer);
            responses.send(ctx, receiver, answer, null, true);
        }

        /** The connection broke; nobody is left to answer, and the ticket goes back when the context ends. */
        private void abandon() {
            done = true;
            ctx.vertx().cancelTimer(timer);
        }
    }
}
