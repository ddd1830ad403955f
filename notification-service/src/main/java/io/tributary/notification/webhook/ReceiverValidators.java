package io.tributary.notification.webhook;

import io.tributary.api.notification.ReceiverSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates a webhook request for each Receiver type as Flux's notification-controller v1.9 does
 * ({@code internal/server/receiver_handlers.go}): every refusal is a 400. Pure.
 *
 * <p>{@link #screen} runs the checks the headers alone decide, before the body is read; {@link #validate} runs them
 * again and then the ones that need the token or the body.
 */
public final class ReceiverValidators {

    /** go-github's {@code ValidatePayload} accepts these two; any other Content-Type is refused. */
    private static final Set<String> GITHUB_CONTENT_TYPES = Set.of("application/json", "application/x-www-form-urlencoded");

    private ReceiverValidators() {
    }

    /** The checks that need neither the token nor the body: required headers, Content-Type, spec.events. */
    public static Verdict screen(ReceiverSpec.Type type, List<String> events, WebhookRequest request) {
        return switch (type) {
            case GENERIC -> Verdict.accept();
            case GENERIC_HMAC -> present(request, "X-Signature");
            case GITHUB -> githubStyle(request, events, "X-GitHub-Event", "GitHub");
            case BITBUCKET -> githubStyle(request, events, "X-Event-Key", "Bitbucket server");
            case GITLAB -> {
                Verdict token = present(request, "X-Gitlab-Token");
                yield token.accepted() ? filter(events, request.header("X-Gitlab-Event"), "GitLab") : token;
            }
            case HARBOR -> present(request, "Authorization");
            case NEXUS -> present(request, "X-Nexus-Webhook-Signature");
            default -> Verdict.reject("receiver type '" + type.name().toLowerCase(Locale.ROOT).replace('_', '-') + "' is not supported yet");
        };
    }

    public static Verdict validate(ReceiverSpec.Type type, List<String> events, String token, WebhookRequest request) {
        Verdict screened = screen(type, events, request);
        if (!screened.accepted()) {
            return screened;
        }
        return switch (type) {
            case GENERIC_HMAC -> Signatures.verifyPrefixed(request.header("X-Signature"), token, request.body())
                    ? Verdict.accept() : Verdict.reject("the X-Signature HMAC signature does not match the body");
            case GITHUB, BITBUCKET -> Signatures.verifyPrefixed(githubSignature(request), token, request.body())
                    ? Verdict.accept() : Verdict.reject("the " + githubSignatureName(request) + " signature does not match the body");
            case GITLAB -> Signatures.constantTimeEquals(token, request.header("X-Gitlab-Token"))
                    ? Verdict.accept() : Verdict.reject("the X-Gitlab-Token header does not match the receiver token");
            case HARBOR -> Signatures.constantTimeEquals(token, request.header("Authorization"))
                    ? Verdict.accept() : Verdict.reject("the Authorization header does not match the receiver token");
            case NEXUS -> nexus(token, request);
            default -> Verdict.accept();
        };
    }

    /** GitHub and Bitbucket server: go-github's {@code ValidatePayload}, then the event filter. */
    private static Verdict githubStyle(WebhookRequest request, List<String> events, String eventHeader, String sender) {
        String contentType = mediaType(request.header("Content-Type"));
        if (contentType == null || !GITHUB_CONTENT_TYPES.contains(contentType)) {
            return Verdict.reject("Content-Type must be application/json or application/x-www-form-urlencoded");
        }
        if (githubSignature(request) == null) {
            return Verdict.reject("missing X-Hub-Signature-256 (or X-Hub-Signature) header");
        }
        return filter(events, request.header(eventHeader), sender);
    }

    /** X-Hub-Signature-256, or X-Hub-Signature when that is absent or empty, as go-github reads them. */
    private static String githubSignature(WebhookRequest request) {
        String sha256 = request.header("X-Hub-Signature-256");
        if (sha256 != null && !sha256.isEmpty()) {
            return sha256;
        }
        String sha1 = request.header("X-Hub-Signature");
        return sha1 == null || sha1.isEmpty() ? null : sha1;
    }

    private static String githubSignatureName(WebhookRequest request) {
        String sha256 = request.header("X-Hub-Signature-256");
        return sha256 != null && !sha256.isEmpty() ? "X-Hub-Signature-256" : "X-Hub-Signature";
    }

    /** Flux compares the Nexus signature to the lower-case hex HMAC-SHA1 exactly, then decodes the payload. */
    private static Verdict nexus(String token, WebhookRequest request) {
        if (!Signatures.constantTimeEquals(Signatures.hmacHex("sha1", token, request.body()), request.header("X-Nexus-Webhook-Signature"))) {
            return Verdict.reject("the X-Nexus-Webhook-Signature signature does not match the body");
        }
        String invalid = JsonPayloads.objectWithStringFields(request.body(), "action", "repositoryName");
        return invalid == null ? Verdict.accept() : Verdict.reject("cannot decode Nexus webhook payload: " + invalid);
    }

    private static Verdict present(WebhookRequest request, String header) {
        String value = request.header(header);
        return value == null || value.isEmpty() ? Verdict.reject("missing " + header + " header") : Verdict.accept();
    }

    private static Verdict filter(List<String> events, String event, String sender) {
        if (events == null || events.isEmpty()) {
            return Verdict.accept();
        }
        String actual = event == null ? "" : event;
        if (events.stream().anyMatch(e -> e.equalsIgnoreCase(actual))) {
            return Verdict.accept();
        }
        return Verdict.reject("the " + sender + " event '" + truncate(actual) + "' is not in spec.events");
    }

    /** The media type of a Content-Type header, lower-cased and without parameters; null when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    /** Header values are the sender's; keep what goes into a message and a log line short. */
    private static String truncate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }
}
