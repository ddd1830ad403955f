package io.tributary.notification.webhook;

/**
 * A validator's answer: {@code accept} triggers the resources, {@code ignore} answers 200 without triggering
 * (e.g. a filtered event or a ping), {@code reject} answers 400 with the reason.
 */
public record Verdict(Kind kind, String message) {

    public enum Kind { ACCEPT, IGNORE, REJECT }

    public static Verdict accept() {
        return new Verdict(Kind.ACCEPT, null);
    }

    public static Verdict ignore(String message) {
        return new Verdict(Kind.IGNORE, message);
    }

    public static Verdict reject(String message) {
        return new Verdict(Kind.REJECT, message);
    }
}
