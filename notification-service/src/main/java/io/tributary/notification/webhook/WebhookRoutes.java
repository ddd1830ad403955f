package io.tributary.notification.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.notification.Receiver;
import io.tributary.notification.events.KafkaUnavailableException;
import io.tributary.notification.receiver.ReceiverRegistry;
import io.tributary.notification.receiver.ReceiverTokens;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /hook/<digest>}, in three steps:
 * <ol>
 * <li>on the event loop, from the request line and headers only ({@link RequestScreen}): 405 for another method, 404
 * for an unknown path, 413 for a declared body over the limit, 503 for a suspended Receiver, 400 for a missing
 * signature header, an unsupported Content-Type or an event not in spec.events; then admission
 * ({@link WebhookAdmission}): 503 + Retry-After beyond the bounds on concurrent webhooks and in-flight body bytes;</li>
 * <li>the body, counted as it streams ({@link WebhookBodies});</li>
 * <li>on a worker: the Receiver read again, its token, the full validation (400), then the reconcile requests:
 * 200 once every one is acknowledged, 503 + Retry-After when Kafka did not acknowledge in time.</li>
 * </ol>
 * The admission ticket goes back when the answer is written or the connection closes.
 */
@ApplicationScoped
public class WebhookRoutes {

    static final String TICKET = "tributary.webhook.ticket";
    static final String RECEIVER = "tributary.webhook.receiver";
    static final String RECEIVER_KEY = "tributary.webhook.receiver-key";
    static final String HEADERS = "tributary.webhook.headers";

    private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);

    @Inject
    WebhookSettings settings;
    @Inject
    ReceiverRegistry registry;
    @Inject
    ReceiverTokens tokens;
    @Inject
    ReconcileRequester requester;
    @Inject
    KubernetesClient client;
    @Inject
    WebhookResponses responses;
    @Inject
    WebhookBodies bodies;
    @Inject
    MeterRegistry meters;

    private WebhookAdmission admission;

    @PostConstruct
    void limits() {
        admission = new WebhookAdmission(settings.maxConcurrentRequests(), settings.maxInFlightBodyBytes());
        Gauge.builder("tributary.webhook.requests.in.flight", admission, WebhookAdmission::requests)
                .description("webhooks admitted and not yet answered").register(meters);
        Gauge.builder("tributary.webhook.body.bytes.in.flight", admission, WebhookAdmission::bytes)
                .description("body bytes reserved by admitted webhooks").baseUnit("bytes").register(meters);
    }

    void routes(@Observes Router router) {
        router.route("/hook/*").handler(this::screen).handler(bodies::read).blockingHandler(this::handle, false);
    }

    /** Event loop, before any of the body is read. */
    void screen(RoutingContext ctx) {
        Map<String, String> headers = firstValues(ctx.request().headers());
        // Flux looks the Receiver up by the raw request URI: no normalisation, no decoding, a query string included
        ReceiverRegistry.Entry receiver = registry.find(ctx.request().uri()).orElse(null);
        String key = receiver == null ? null : receiver.namespace() + "/" + receiver.name();
        long length = RequestScreen.contentLength(ctx.request().getHeader("Content-Length"));
        WebhookAnswer refusal = RequestScreen.screen(ctx.request().method().name(), receiver, WebhookRequest.headersOnly(headers),
                length, settings.maxBodyBytes());
        if (refusal != null) {
            responses.refuseUnread(ctx, key, refusal);
            return;
        }
        var ticket = admission.tryAdmit(Math.max(0, length));
        if (ticket.isEmpty()) {
            responses.refuseUnread(ctx, key, WebhookAnswer.OVERLOADED);
            return;
        }
        ctx.addEndHandler(ended -> ticket.get().release());
        ctx.put(TICKET, ticket.get());
        ctx.put(RECEIVER, receiver);
        ctx.put(RECEIVER_KEY, key);
        ctx.put(HEADERS, headers);
        ctx.next();
    }

    /** Worker thread, with the whole body read. */
    void handle(RoutingContext ctx) {
        ReceiverRegistry.Entry entry = ctx.get(RECEIVER);
        String key = ctx.get(RECEIVER_KEY);
        try {
            responses.send(ctx, key, answer(entry, key, new WebhookRequest(ctx.get(HEADERS), ctx.get(WebhookBodies.BODY))));
        } catch (KafkaUnavailableException e) {
            responses.send(ctx, key, WebhookAnswer.retryLater("the reconcile request could not be queued; retry later"), e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            responses.send(ctx, key, WebhookAnswer.retryLater("the service is shutting down; retry later"));
        } catch (RuntimeException e) {
            responses.send(ctx, key, WebhookAnswer.of(500, "internal error"), e, false);
        }
    }

    private WebhookAnswer answer(ReceiverRegistry.Entry entry, String key, WebhookRequest request)
            throws KafkaUnavailableException, InterruptedException {
        Receiver receiver = client.resources(Receiver.class).inNamespace(entry.namespace()).withName(entry.name()).get();
        if (receiver == null) {
            return WebhookAnswer.of(404, "no receiver for this path");
        }
        if (Boolean.TRUE.equals(receiver.getSpec().suspend)) {
            return WebhookAnswer.of(503, "the receiver is suspended");
        }
        if (receiver.getStatus() == null || !Conditions.isTrue(receiver.getStatus().conditions, ConditionTypes.READY)) {
            return WebhookAnswer.of(503, "the receiver is not ready");
        }
        String token;
        try {
            token = tokens.token(receiver);
        } catch (ReceiverTokens.TokenException e) {
            // Flux answers 400 when it cannot read the token
            return WebhookAnswer.of(400, e.getMessage());
        }
        Verdict verdict = ReceiverValidators.validate(receiver.getSpec().type, receiver.getSpec().events, token, request);
        if (!verdict.accepted()) {
            LOG.infof("Receiver %s rejected a request: %s", key, verdict.message());
            return WebhookAnswer.of(400, verdict.message());
        }
        var requested = requester.request(receiver);
        LOG.infof("Receiver %s requested reconciliation of %s", key, requested);
        return WebhookAnswer.of(200, "requested reconciliation of " + requested.size() + " resource(s)");
    }

    /** Lower-cased names, each with its first value, as Go's {@code Header.Get} reads them. */
    private static Map<String, String> firstValues(MultiMap headers) {
        Map<String, String> first = new HashMap<>();
        headers.forEach(h -> first.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return first;
    }
}
