package io.tributary.notification.provider;

/** A notification that cannot be built or sent; {@code retriable} when a later attempt may succeed. */
public class NotifierException extends Exception {

    private final boolean retriable;

    public NotifierException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
