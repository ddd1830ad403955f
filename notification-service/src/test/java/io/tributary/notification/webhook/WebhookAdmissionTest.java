package io.tributary.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WebhookAdmissionTest {

    /**
     * A script of steps against bounds of 2 requests and 100 bytes: {@code a<n>} admits with n declared bytes,
     * {@code g<i>:<n>} grows ticket i by n, {@code r<i>} releases ticket i; each step's expected outcome, then the
     * requests and bytes held at the end.
     */
    record Row(String name, List<String> steps, List<Boolean> outcomes, int requests, long bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("within both bounds", List.of("a10", "a90"), List.of(true, true), 2, 100),
                new Row("a third request", List.of("a1", "a1", "a1"), List.of(true, true, false), 2, 2),
                new Row("bytes over the bound", List.of("a60", "a41"), List.of(true, false), 1, 60),
                new Row("a body larger than all", List.of("a101"), List.of(false), 0, 0),
                new Row("a refused admission holds nothing", List.of("a60", "a41", "a40"), List.of(true, false, true), 2, 100),
                new Row("release frees both", List.of("a1", "a99", "r0", "a1"), List.of(true, true, true, true), 2, 100),
                new Row("release twice frees once", List.of("a50", "r0", "r0", "a50", "a50"), List.of(true, true, true, true, true), 2, 100),
                new Row("chunked: grows as it streams", List.of("a0", "g0:40", "g0:60"), List.of(true, true, true), 1, 100),
                new Row("chunked: growth over the bound is refused and holds nothing", List.of("a0", "g0:40", "g0:61"),
                        List.of(true, true, false), 1, 40),
                new Row("chunked: competes with declared bodies", List.of("a0", "a70", "g0:31", "g0:30"),
                        List.of(true, true, false, true), 2, 100),
                new Row("release gives back the grown share", List.of("a0", "g0:100", "r0", "a100"), List.of(true, true, true, true), 1, 100),
                new Row("a released ticket cannot grow", List.of("a0", "r0", "g0:1"), List.of(true, true, false), 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void boundsRequestsAndBytes(Row row) {
        WebhookAdmission admission = new WebhookAdmission(2, 100);
        List<WebhookAdmission.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < row.steps().size(); i++) {
            String step = row.steps().get(i);
            boolean outcome = switch (step.charAt(0)) {
                case 'a' -> {
                    Optional<WebhookAdmission.Ticket> ticket = admission.tryAdmit(Long.parseLong(step.substring(1)));
                    ticket.ifPresent(tickets::add);
                    yield ticket.isPresent();
                }
                case 'g' -> {
                    String[] parts = step.substring(1).split(":");
                    yield tickets.get(Integer.parseInt(parts[0])).grow(Long.parseLong(parts[1]));
                }
                case 'r' -> {
                    tickets.get(Integer.parseInt(step.substring(1))).release();
                    yield true;
                }
                default -> throw new IllegalArgumentException(step);
            };
            assertThat(outcome).as("step %d: %s", i, step).isEqualTo(row.outcomes().get(i));
        }
        assertThat(admission.requests()).isEqualTo(row.requests());
        assertThat(admission.bytes()).isEqualTo(row.bytes());
    }

    @Test
    void boundsMustBeSane() {
        assertThatThrownBy(() -> new WebhookAdmission(0, 1)).hasMessageContaining("tributary.webhook.max-concurrent-requests");
        assertThatThrownBy(() -> new WebhookAdmission(1, -1)).hasMessageContaining("tributary.webhook.max-in-flight-body-bytes");
        assertThatThrownBy(() -> new WebhookAdmission(1, 1).tryAdmit(-1)).hasMessageContaining("declaredBytes");
    }
}
