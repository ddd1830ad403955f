package io.tributary.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.notification.provider.NotifierException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendingTest {

    private final List<Duration> waits = new ArrayList<>();
    private final Backoff backoff = new Backoff(4, Duration.ofSeconds(1), Duration.ofSeconds(3));

    @Test
    void backoffDoublesUpToItsMaximum() {
        assertThat(List.of(backoff.before(1), backoff.before(2), backoff.before(3), backoff.before(4), backoff.before(5)))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void aRetriableFailureIsRetriedUntilDelivered() throws Exception {
        int[] calls = {0};
        Sending sending = new Sending(backoff, waits::add, d -> {
            if (++calls[0] < 3) {
                throw new NotifierException("the provider answered HTTP 503", true);
            }
        });
        Sending.Outcome outcome = sending.send(null);
        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aFinalFailureIsNotRetriedAndRetriesEndAtTheLimit() throws Exception {
        Sending.Outcome refused = new Sending(backoff, waits::add, d -> {
            throw new NotifierException("the provider answered HTTP 400", false);
        }).send(null);
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.attempts()).isEqualTo(1);

        Sending.Outcome down = new Sending(backoff, d -> { }, d -> {
            throw new NotifierException("cannot reach the provider", true);
        }).send(null);
        assertThat(down.delivered()).isFalse();
        assertThat(down.attempts()).isEqualTo(4);
        assertThat(down.failure()).hasMessage("cannot reach the provider");
    }

    @Test
    void deliveredKeysBelongToOneOffset() {
        String metadata = DeliveredKeys.format(42, new java.util.LinkedHashSet<>(List.of("ns/a", "ns/b")));
        assertThat(DeliveredKeys.parse(metadata, 42)).containsExactly("ns/a", "ns/b");
        assertThat(DeliveredKeys.parse(metadata, 43)).isEmpty();
        assertThat(DeliveredKeys.parse(null, 42)).isEmpty();
        assertThat(DeliveredKeys.parse("", 42)).isEmpty();
        assertThat(DeliveredKeys.parse(DeliveredKeys.format(7, Set.of()), 7)).isEmpty();
    }

    @Test
    void maskingHidesEveryCredential() {
        assertThat(Masking.mask("post https://hooks/T0K failed: T0K refused, pw", "T0K", null, "pw", ""))
                .isEqualTo("post https://hooks/***** failed: ***** refused, *****");
    }
}
