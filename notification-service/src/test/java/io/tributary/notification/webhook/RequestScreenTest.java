package io.tributary.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.notification.ReceiverSpec.Type;
import io.tributary.notification.receiver.ReceiverRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What is refused before the body is read, and in which order the checks run. */
class RequestScreenTest {

    private static final long MAX = 1000;
    private static final ReceiverRegistry.Entry GITHUB = new ReceiverRegistry.Entry("ns", "gh", Type.GITHUB, List.of("push"), false);
    private static final ReceiverRegistry.Entry SUSPENDED = new ReceiverRegistry.Entry("ns", "gh", Type.GITHUB, List.of("push"), true);
    private static final ReceiverRegistry.Entry GENERIC = new ReceiverRegistry.Entry("ns", "any", Type.GENERIC, null, false);
    private static final Map<String, String> SIGNED_PUSH = Map.of("content-type", "application/json",
            "x-hub-signature-256", "sha256=00", "x-github-event", "push");

    record Row(String name, String method, ReceiverRegistry.Entry receiver, Map<String, String> headers, long length, Integer status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("a signed push goes on to its body", "POST", GITHUB, SIGNED_PUSH, 10, null),
                new Row("a chunked body goes on", "POST", GITHUB, SIGNED_PUSH, RequestScreen.NO_LENGTH, null),
                new Row("a body of exactly the limit goes on", "POST", GITHUB, SIGNED_PUSH, MAX, null),
                new Row("generic: nothing to check", "POST", GENERIC, Map.of(), 0, null),
                new Row("another method", "GET", GITHUB, SIGNED_PUSH, 0, 405),
                new Row("another method on an unknown path", "PUT", null, SIGNED_PUSH, 0, 405),
                new Row("unknown path", "POST", null, SIGNED_PUSH, 10, 404),
                new Row("unknown path wins over a large body", "POST", null, SIGNED_PUSH, MAX + 1, 404),
                new Row("malformed Content-Length", "POST", GITHUB, SIGNED_PUSH, RequestScreen.INVALID_LENGTH, 400),
                new Row("one byte over the limit", "POST", GITHUB, SIGNED_PUSH, MAX + 1, 413),
                new Row("too large wins over suspended", "POST", SUSPENDED, SIGNED_PUSH, MAX + 1, 413),
                new Row("suspended", "POST", SUSPENDED, SIGNED_PUSH, 10, 503),
                new Row("suspended wins over unsigned", "POST", SUSPENDED, Map.of(), 10, 503),
                new Row("unsigned", "POST", GITHUB, Map.of("content-type", "application/json", "x-github-event", "push"), 10, 400),
                new Row("event not in spec.events", "POST", GITHUB, Map.of("content-type", "application/json",
                        "x-hub-signature-256", "sha256=00", "x-github-event", "issues"), 10, 400),
                new Row("unsupported Content-Type", "POST", GITHUB, Map.of("content-type", "text/plain",
                        "x-hub-signature-256", "sha256=00", "x-github-event", "push"), 10, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void screens(Row row) {
        WebhookAnswer answer = RequestScreen.screen(row.method(), row.receiver(), WebhookRequest.headersOnly(row.headers()), row.length(), MAX);
        assertThat(answer == null ? null : answer.status()).as(answer == null ? "" : answer.message()).isEqualTo(row.status());
        if (answer != null) {
            assertThat(answer.retryLater()).as("only overload and Kafka 503s are worth a retry").isFalse();
        }
    }

    record Length(String header, long parsed) {
    }

    static Stream<Length> lengths() {
        return Stream.of(new Length(null, RequestScreen.NO_LENGTH), new Length("0", 0), new Length(" 42 ", 42),
                new Length("3145728", 3145728), new Length("-1", RequestScreen.INVALID_LENGTH), new Length("", RequestScreen.INVALID_LENGTH),
                new Length("1e3", RequestScreen.INVALID_LENGTH), new Length("12, 12", RequestScreen.INVALID_LENGTH),
                new Length("99999999999999999999", RequestScreen.INVALID_LENGTH), new Length("+5", RequestScreen.INVALID_LENGTH));
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void parsesContentLength(Length row) {
        assertThat(RequestScreen.contentLength(row.header())).isEqualTo(row.parsed());
    }
}
