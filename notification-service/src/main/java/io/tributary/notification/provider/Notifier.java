package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.util.Optional;

/**
 * Builds the request one provider type posts for a notification: the event with the Alert's merged metadata (keys
 * without their group prefix). Empty when the type sends nothing for the event (a commit status for Progressing).
 */
public interface Notifier {

    Optional<ProviderRequest> request(FluxEvent notification) throws NotifierException;
}
