package io.tributary.notification.webhook;

/** A validator's answer: {@code accept} triggers the resources, {@code reject} answers 400 with the reason. */
public record Verdict(boolean accepted, String message) {

    public static Verdict accept() {
        return new Verdict(true, null);
    }

    public static Verdict reject(String message) {
        return new Verdict(false, message);
    }
}
