package io.tributary.notification.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.notification.Receiver;
import io.tributary.notification.events.KafkaUnavailableException;
import io.tributary.notification.receiver.ReceiverRegistry;
import io.tributary.notification.receiver.ReceiverTokens;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /hook/<digest>}: 413 for a body over the limit (checked before the body is read into memory),
 * 404 for an unknown path, 503 while the Receiver is suspended or not ready, 400 when validation fails,
 * 200 once a reconcile of every matched resource was requested.
 */
@ApplicationScoped
public class WebhookRoutes {

    private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);

    @Inject
    ReceiverRegistry registry;
    @Inject
    ReceiverTokens tokens;
    @Inject
    ReconcileRequester requester;
    @Inject
    KubernetesClient client;
    @Inject
    WebhookSettings settings;

    @ConfigProperty(name = "tributary.webhook.max-body-bytes", defaultValue = "3145728")
    long maxBodyBytes;

    void routes(@Observes Router router) {
        router.post("/hook/:digest")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .blockingHandler(this::handle, false);
    }

    void onStart(@Observes StartupEvent event) {
        LOG.debugf("webhook body limit %d bytes", maxBodyBytes);
    }

    void handle(RoutingContext ctx) {
        String path = "/hook/" + ctx.pathParam("digest");
        var entry = registry.find(path);
        if (entry.isEmpty()) {
            respond(ctx, 404, "no receiver for this path");
            return;
        }
        Receiver receiver = client.resources(Receiver.class).inNamespace(entry.get().namespace()).withName(entry.get().name()).get();
        if (receiver == null) {
            respond(ctx, 404, "no receiver for this path");
            return;
        }
        if (Boolean.TRUE.equals(receiver.getSpec().suspend)
                || receiver.getStatus() == null || !Conditions.isTrue(receiver.getStatus().conditions, ConditionTypes.READY)) {
            respond(ctx, 503, "receiver is suspended or not ready");
            return;
        }
        try {
            String token = tokens.token(receiver);
            Map<String, String> headers = new HashMap<>();
            ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            Verdict verdict = ReceiverValidators.validate(receiver.getSpec().type, receiver.getSpec().events, token,
                    new WebhookRequest(headers, body));
            String key = receiver.getMetadata().getNamespace() + "/" + receiver.getMetadata().getName();
            if (!verdict.accepted()) {
                LOG.infof("Receiver %s rejected a request: %s", key, verdict.message());
                respond(ctx, 400, verdict.message());
            } else {
                var requested = requester.request(receiver);
                LOG.infof("Receiver %s requested reconciliation of %s", key, requested);
                respond(ctx, 200, "requested reconciliation of " + requested.size() + " resource(s)");
            }
        } catch (ReceiverTokens.TokenException e) {
            // Flux answers 400 when it cannot read the token
            respond(ctx, 400, e.getMessage());
        } catch (KafkaUnavailableException e) {
            LOG.warnf("Receiver %s/%s: the reconcile request could not be queued: %s", receiver.getMetadata().getNamespace(),
                    receiver.getMetadata().getName(), e.getMessage());
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
            respond(ctx, 503, "the reconcile request could not be queued; retry later");
        } catch (Exception e) {
            LOG.errorf(e, "handling a webhook for Receiver %s/%s failed", receiver.getMetadata().getNamespace(), receiver.getMetadata().getName());
            respond(ctx, 500, "internal error");
        }
    }

    private static void respond(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(message == null ? "" : message);
    }
}
