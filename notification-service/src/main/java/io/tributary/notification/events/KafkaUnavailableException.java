package io.tributary.notification.events;

/** Kafka did not acknowledge a record in time and the producer gave it up; a later retry may succeed. */
public class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
