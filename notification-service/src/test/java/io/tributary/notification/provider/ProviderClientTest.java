package io.tributary.notification.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.notification.ProviderSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a provider's answer may do to a delivery: huge, endless or stalled bodies, error statuses, no listener. */
class ProviderClientTest {

    private static final String TOKEN = "s3cret-token-value";
    private RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        server = RecordingServer.http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ProviderClient client(Duration timeout) throws NotifierException {
        return new ProviderClient(new ProviderConfig("ns/p", "u", ProviderSpec.Type.GENERIC, server.uri("/h"), TOKEN, null, null, Map.of(),
                null, timeout, null, null));
    }

    private ProviderRequest request(URI uri) {
        return new ProviderRequest(uri, Map.of("Authorization", "Bearer " + TOKEN), "{}".getBytes());
    }

    @Test
    void aFourMebibyteAnswerIsReadOnlyUpToTheCap() throws Exception {
        server.answer(RecordingServer.body(4L * 1024 * 1024));
        String body = client(Duration.ofSeconds(5)).post(request(server.uri("/h")));
        assertThat(body.length()).isLessThanOrEqualTo(ProviderClient.MAX_RESPONSE_BYTES);
    }

    @Test
    void anEndlessAnswerIsCutAtTheCap() throws Exception {
        server.answer(RecordingServer.body(-1));
        String body = client(Duration.ofSeconds(5)).post(request(server.uri("/h")));
        assertThat(body.length()).isLessThanOrEqualTo(ProviderClient.MAX_RESPONSE_BYTES);
    }

    @Test
    void anAnswerThatStallsAfterItsHeadersEndsAtTheTimeout() throws Exception {
        server.answer(RecordingServer.STALL);
        // 200 was sent: the notification is delivered, the rest of the body is abandoned
        assertThat(client(Duration.ofMillis(500)).post(request(server.uri("/h")))).isEmpty();
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetriableOtherStatusesFinal() throws Exception {
        for (int status : new int[] {500, 502, 503, 429, 408}) {
            server.answer(RecordingServer.status(status));
            assertThatThrownBy(() -> client(Duration.ofSeconds(5)).post(request(server.uri("/h"))))
                    .isInstanceOfSatisfying(NotifierException.class, e -> assertThat(e.retriable()).as("%d", status).isTrue())
                    .hasMessage("the provider answered HTTP " + status);
        }
        for (int status : new int[] {400, 401, 403, 404, 302}) {
            server.answer(RecordingServer.status(status));
            assertThatThrownBy(() -> client(Duration.ofSeconds(5)).post(request(server.uri("/h"))))
                    .isInstanceOfSatisfying(NotifierException.class, e -> assertThat(e.retriable()).as("%d", status).isFalse());
        }
    }

    @Test
    void noListenerIsRetriableAndTheMessageHoldsNeitherAddressNorToken() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/hooks/" + TOKEN);
        assertThatThrownBy(() -> client(Duration.ofSeconds(2)).post(request(uri)))
                .isInstanceOfSatisfying(NotifierException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining("127.0.0.1");
    }
}
