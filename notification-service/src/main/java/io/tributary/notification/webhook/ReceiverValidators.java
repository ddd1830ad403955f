package io.tributary.notification.webhook;

import io.tributary.api.notification.ReceiverSpec;
import java.util.List;
import java.util.Locale;

/** Validates a webhook request for each Receiver type, as Flux's notification-controller does. Pure. */
public final class ReceiverValidators {

    private ReceiverValidators() {
    }

    public static Verdict validate(ReceiverSpec.Type type, List<String> events, String token, WebhookRequest request) {
        return switch (type) {
            case GENERIC -> Verdict.accept();
            case GENERIC_HMAC -> Signatures.verifyPrefixed(request.header("X-Signature"), token, request.body())
                    ? Verdict.accept() : Verdict.reject("invalid or missing X-Signature header");
            case GITHUB -> github(events, token, request);
            case GITLAB -> {
                if (!Signatures.constantTimeEquals(token, request.header("X-Gitlab-Token"))) {
                    yield Verdict.reject("the X-Gitlab-Token header does not match the receiver token");
                }
                yield filter(events, request.header("X-Gitlab-Event"));
            }
            case BITBUCKET -> {
                if (!Signatures.verifyPrefixed(request.header("X-Hub-Signature"), token, request.body())) {
                    yield Verdict.reject("invalid or missing X-Hub-Signature header");
                }
                yield filter(events, request.header("X-Event-Key"));
            }
            case HARBOR -> Signatures.constantTimeEquals(token, request.header("Authorization"))
                    ? Verdict.accept() : Verdict.reject("the Authorization header does not match the receiver token");
            case NEXUS -> {
                String signature = request.header("X-Nexus-Webhook-Signature");
                yield signature != null && Signatures.constantTimeEquals(Signatures.hmacHex("sha1", token, request.body()),
                        signature.toLowerCase(Locale.ROOT)) ? Verdict.accept() : Verdict.reject("invalid or missing X-Nexus-Webhook-Signature header");
            }
            default -> Verdict.reject("receiver type '" + type.name().toLowerCase(Locale.ROOT).replace('_', '-') + "' is not supported yet");
        };
    }

    private static Verdict github(List<String> events, String token, WebhookRequest request) {
        String signature = request.header("X-Hub-Signature-256");
        if (signature == null) {
            return Verdict.reject("missing X-Hub-Signature-256 header");
        }
        if (!signature.startsWith("sha256=") || !Signatures.verifyPrefixed(signature, token, request.body())) {
            return Verdict.reject("the X-Hub-Signature-256 signature does not match the body");
        }
        String event = request.header("X-GitHub-Event");
        if ("ping".equals(event)) {
            return Verdict.ignore("pong");
        }
        return filter(events, event);
    }

    private static Verdict filter(List<String> events, String event) {
        if (events == null || events.isEmpty()) {
            return Verdict.accept();
        }
        if (event != null && events.stream().anyMatch(e -> e.equalsIgnoreCase(event))) {
            return Verdict.accept();
        }
        return Verdict.ignore("event '" + event + "' is not in spec.events");
    }
}
