package io.tributary.notification.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.notification.ProviderSpec;
import io.tributary.events.FluxEvent;
import io.tributary.testsupport.TestPki;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each provider type posting to a recording server on loopback, ported from fluxcd/notification-controller
 * (HEAD 2e46958a67f3af0e3e755a4fcaf7397d5803725e) internal/notifier: forwarder_test.go (TestForwarder_New,
 * TestForwarder_Post, every row, including upstream's exact HMAC signature), slack_test.go, discord_test.go,
 * teams_test.go (TestNewMSTeams rows, TestMSTeams_Post's adaptive card body), alertmanager_test.go, github_test.go and
 * gitlab_test.go (the status posted; upstream's client mocks become the recording server). testEvent() is
 * client_test.go's.
 */
class NotifierPostTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "a1afe267b54f38b46b487f6e938a6fd508278c07";
    private RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        server = RecordingServer.http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static FluxEvent testEvent() {
        return new FluxEvent(new FluxEvent.InvolvedObject(null, "GitRepository", "gitops-system", "webapp", null), "info",
                Instant.ofEpochSecond(1664520029), "message", "reason", Map.of("test", "metadata"), "source-controller",
                "source-controller-xyz");
    }

    static ProviderConfig config(ProviderSpec.Type type, URI address, String token, Map<String, String> headers) {
        return new ProviderConfig("ns/p", "0c9c2e41-d2f9-4f9b-9c41-2ca5b0e5c7d5", type, address, token, null, null, headers, null,
                Duration.ofSeconds(5), null, null);
    }

    private RecordingServer.Recorded post(Notifier notifier, FluxEvent event, ProviderConfig config) throws Exception {
        ProviderRequest request = notifier.request(event).orElseThrow();
        new ProviderClient(config).post(request);
        return server.only();
    }

    static Stream<Arguments> forwarderNew() {
        return Stream.of(
                Arguments.of("nil HMAC key passes", ProviderSpec.Type.GENERIC, null, false),
                Arguments.of("empty HMAC key fails", ProviderSpec.Type.GENERIC_HMAC, null, true),
                Arguments.of("happy path with HMAC key from empty string", ProviderSpec.Type.GENERIC_HMAC, "", true),
                Arguments.of("non-empty HMAC key adds signature header", ProviderSpec.Type.GENERIC_HMAC,
                        "7152fed34dd6149a7c75a276c510da27cb6f82b0", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void forwarderNew(String name, ProviderSpec.Type type, String key, boolean fails) {
        ProviderConfig config = config(type, URI.create("http://example.org"), key, Map.of());
        if (fails) {
            assertThatThrownBy(() -> Notifiers.of(config, null)).isInstanceOf(NotifierException.class).hasMessageContaining("HMAC key");
        } else {
            assertThat(catchingNotifier(config)).isNotNull();
        }
    }

    static Stream<Arguments> forwarderPost() {
        return Stream.of(
                Arguments.of("happy path with nil HMAC key", null, null, null),
                Arguments.of("preset X-Signature header should persist", null, null, "should be preserved"),
                Arguments.of("non-empty HMAC key adds signature header", "7152fed34dd6149a7c75a276c510da27cb6f82b0",
                        "sha256=65b018549b1254e7226d1c08f9567ee45bc9de0fc4e7b1a40253f9a018b08be7", "should be overwritten with actual signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void forwarderPost(String name, String hmacKey, String hmacHeader, String presetSignature) throws Exception {
        Map<String, String> headers = presetSignature == null ? Map.of("Authorization", "token")
                : Map.of("Authorization", "token", "X-Signature", presetSignature);
        ProviderConfig config = config(hmacKey == null ? ProviderSpec.Type.GENERIC : ProviderSpec.Type.GENERIC_HMAC, server.uri("/hook"),
                hmacKey, headers);
        RecordingServer.Recorded request = post(Notifiers.of(config, null), testEvent(), config);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("gotk-component")).isEqualTo("source-controller");
        assertThat(request.header("Authorization")).isEqualTo("token");
        if (hmacHeader == null) {
            assertThat(request.header("X-Signature")).isEqualTo(presetSignature);
        } else {
            // upstream's value: the body is byte for byte Go's json.Marshal of the event
            assertThat(request.header("X-Signature")).isEqualTo(hmacHeader);
            assertThat(request.header("X-Signature")).isEqualTo("sha256=" + GenericNotifier.sign(request.body(), hmacKey.getBytes()));
        }
        JsonNode payload = JSON.readTree(request.body());
        assertThat(payload.at("/involvedObject/name").asText()).isEqualTo("webapp");
        assertThat(payload.at("/metadata/test").asText()).isEqualTo("metadata");
    }

    @Test
    void slackPostsOneAttachmentWithTokenChannelAndUsername() throws Exception {
        ProviderConfig config = new ProviderConfig("ns/p", "uid", ProviderSpec.Type.SLACK, server.uri("/services/x"), "xoxb-token", "bot",
                null, Map.of(), "#ops", Duration.ofSeconds(5), null, null);
        RecordingServer.Recorded request = post(Notifiers.of(config, null), testEvent(), config);

        assertThat(request.header("Authorization")).isEqualTo("Bearer xoxb-token");
        JsonNode payload = JSON.readTree(request.body());
        assertThat(payload.get("channel").asText()).isEqualTo("#ops");
        assertThat(payload.get("username").asText()).isEqualTo("bot");
        JsonNode attachment = payload.at("/attachments/0");
        assertThat(attachment.get("author_name").asText()).isEqualTo("gitrepository/webapp.gitops-system");
        assertThat(attachment.get("color").asText()).isEqualTo("good");
        assertThat(attachment.get("fallback").asText()).isEqualTo("gitrepository/webapp.gitops-system: message");
        assertThat(attachment.at("/fields/0/title").asText()).isEqualTo("test");
        assertThat(attachment.at("/fields/0/value").asText()).isEqualTo("metadata");
    }

    @Test
    void slackWithoutUsernameUsesTheReportingControllerAndErrorIsDanger() throws Exception {
        ProviderConfig config = config(ProviderSpec.Type.SLACK, server.uri("/s"), null, Map.of());
        FluxEvent event = testEvent();
        event = new FluxEvent(event.involvedObject(), "error", event.timestamp(), "boom\nsecond line", "Failed", event.metadata(),
                event.reportingController(), null);
        RecordingServer.Recorded request = post(Notifiers.of(config, null), event, config);

        assertThat(request.header("Authorization")).isNull();
        JsonNode payload = JSON.readTree(request.body());
        assertThat(payload.get("username").asText()).isEqualTo("source-controller");
        assertThat(payload.at("/attachments/0/color").asText()).isEqualTo("danger");
        assertThat(payload.at("/attachments/0/fallback").asText()).isEqualTo("gitrepository/webapp.gitops-system: boom");
    }

    @Test
    void discordPostsTheSlackPayloadToTheSlackEndpoint() throws Exception {
        ProviderConfig config = config(ProviderSpec.Type.DISCORD, server.uri("/api/webhooks/1/abc"), null, Map.of());
        RecordingServer.Recorded request = post(Notifiers.of(config, null), testEvent(), config);

        assertThat(request.path()).isEqualTo("/api/webhooks/1/abc/slack");
        JsonNode payload = JSON.readTree(request.body());
        assertThat(payload.at("/attachments/0/author_name").asText()).isEqualTo("gitrepository/webapp.gitops-system");
        assertThat(payload.at("/attachments/0/fields/0/value").asText()).isEqualTo("metadata");
    }

    static Stream<Arguments> newMSTeams() {
        return Stream.of(
                Arguments.of("deprecated connector url", "https://xxx.webhook.office.com", "MessageCard"),
                Arguments.of("deprecated connector url with port", "https://xxx.webhook.office.com:443", "MessageCard"),
                Arguments.of("url close to deprecated connector url but different", "https://xxx-webhook.office.com", "message"),
                Arguments.of("incoming webhook workflow url",
                        "https://prod-28.northeurope.logic.azure.com:443/workflows/xxx/triggers/manual/paths/invoke", "message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void newMSTeams(String name, String url, String schemaType) throws Exception {
        ProviderRequest request = Notifiers.of(config(ProviderSpec.Type.MSTEAMS, URI.create(url), null, Map.of()), null)
                .request(testEvent()).orElseThrow();
        JsonNode payload = JSON.readTree(request.body());
        assertThat(payload.has("@type") ? payload.get("@type").asText() : payload.get("type").asText()).isEqualTo(schemaType);
    }

    @Test
    void msTeamsAdaptiveCardIsUpstreamsBody() throws Exception {
        ProviderConfig config = config(ProviderSpec.Type.MSTEAMS, server.uri("/workflows/x"), null, Map.of());
        RecordingServer.Recorded request = post(Notifiers.of(config, null), testEvent(), config);

        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{
                 "$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
                 "msteams":{"width":"Full"},"body":[{"type":"Container","items":[
                  {"type":"TextBlock","size":"large","text":"gitrepository/webapp.gitops-system","weight":"bolder","wrap":true},
                  {"type":"TextBlock","text":"message","wrap":true},
                  {"type":"FactSet","facts":[{"title":"test","value":"metadata"}]}]}]}}]}"""));
    }

    @Test
    void msTeamsConnectorCardHasTheObjectAsSubtitleAndFacts() throws Exception {
        JsonNode payload = JSON.readTree(MsTeamsNotifier.connectorCard(testEvent()).isEmpty() ? null
                : Payloads.json(MsTeamsNotifier.connectorCard(testEvent())));
        assertThat(payload.at("/sections/0/activitySubtitle").asText()).isEqualTo("gitrepository/webapp.gitops-system");
        assertThat(payload.at("/sections/0/facts/0/value").asText()).isEqualTo("metadata");
        assertThat(payload.get("themeColor").asText()).isEqualTo("0076D7");
    }

    @Test
    void alertmanagerPostsOneFiringAlertWithBasicAuth() throws Exception {
        ProviderConfig config = new ProviderConfig("ns/p", "uid", ProviderSpec.Type.ALERTMANAGER, server.uri("/api/v2/alerts"), null,
                "user", "password", Map.of(), null, Duration.ofSeconds(5), null, null);
        FluxEvent event = testEvent();
        event = new FluxEvent(event.involvedObject(), "info", event.timestamp(), "message", "ReconciliationSucceeded",
                Map.of("test", "metadata", "summary", "prod cluster"), "source-controller", null);
        RecordingServer.Recorded request = post(Notifiers.of(config, null), event, config);

        assertThat(request.header("Authorization")).isEqualTo("Basic dXNlcjpwYXNzd29yZA==");
        JsonNode alert = JSON.readTree(request.body()).get(0);
        assertThat(alert.get("status").asText()).isEqualTo("firing");
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("FluxGitRepositoryReconciliationsucceeded");
        assertThat(alert.at("/labels/test").asText()).isEqualTo("metadata");
        assertThat(alert.at("/labels/summary").isMissingNode()).isTrue();
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo("prod cluster");
        assertThat(alert.at("/annotations/message").asText()).isEqualTo("message");
        assertThat(alert.at("/labels/reportingcontroller").asText()).isEqualTo("source-controller");
        assertThat(alert.get("startsAt").asText()).isEqualTo("2022-09-30T06:40:29Z");
    }

    @Test
    void githubPostsACommitStatusOverHttpsWithACustomCa() throws Exception {
        TestPki pki = TestPki.create("github-ca");
        try (RecordingServer https = RecordingServer.https(pki)) {
            https.answer(RecordingServer.status(201));
            ProviderConfig config = new ProviderConfig("ns/p", "0c9c2e41-d2f9", ProviderSpec.Type.GITHUB, https.uri("/foo/bar"), "gh-token",
                    null, null, Map.of(), null, Duration.ofSeconds(5), pki.caPem(), null);
            FluxEvent event = new FluxEvent(new FluxEvent.InvolvedObject(null, "Kustomization", "gitops-system", "webapp", null), "info",
                    Instant.now(), "applied", "ApplySucceeded", Map.of("revision", "main@sha1:" + SHA), "kustomize-controller", null);
            String id = CommitStatus.defaultId(config.uid(), event);
            new ProviderClient(config).post(Notifiers.of(config, id).request(event).orElseThrow());

            RecordingServer.Recorded request = https.only();
            assertThat(request.path()).isEqualTo("/api/v3/repos/foo/bar/statuses/" + SHA);
            assertThat(request.header("Authorization")).isEqualTo("Bearer gh-token");
            JsonNode status = JSON.readTree(request.body());
            assertThat(status.get("state").asText()).isEqualTo("success");
            assertThat(status.get("context").asText()).isEqualTo("kustomization/webapp/0c9c2e41");
            assertThat(status.get("description").asText()).isEqualTo("apply succeeded");
        }
    }

    @Test
    void aClientCertificateFromCertSecretRefIsPresentedToAServerThatDemandsOne() throws Exception {
        TestPki pki = TestPki.create("mtls-ca");
        try (RecordingServer https = RecordingServer.https(pki, true)) {
            ProviderConfig withCert = new ProviderConfig("ns/p", "u", ProviderSpec.Type.GENERIC, https.uri("/hook"), null, null, null,
                    Map.of(), null, Duration.ofSeconds(5), pki.caPem(), null, pki.clientCertPem(), pki.clientKeyPem());
            new ProviderClient(withCert).post(Notifiers.of(withCert, null).request(testEvent()).orElseThrow());
            assertThat(https.only().path()).isEqualTo("/hook");

            ProviderConfig without = new ProviderConfig("ns/p", "u", ProviderSpec.Type.GENERIC, https.uri("/hook"), null, null, null,
                    Map.of(), null, Duration.ofSeconds(5), pki.caPem(), null);
            ProviderRequest request = Notifiers.of(without, null).request(testEvent()).orElseThrow();
            assertThatThrownBy(() -> new ProviderClient(without).post(request)).isInstanceOf(NotifierException.class);
            assertThat(https.requests).hasSize(1);
        }
    }

    @Test
    void githubRefusesAServerItsCaDoesNotTrust() throws Exception {
        try (RecordingServer https = RecordingServer.https(TestPki.create("other-ca"))) {
            ProviderConfig config = new ProviderConfig("ns/p", "u", ProviderSpec.Type.GITHUB, https.uri("/foo/bar"), "gh-token", null, null,
                    Map.of(), null, Duration.ofSeconds(5), TestPki.create("github-ca").caPem(), null);
            ProviderRequest request = Notifiers.of(config, "id").request(githubEvent("error")).orElseThrow();
            assertThatThrownBy(() -> new ProviderClient(config).post(request)).isInstanceOf(NotifierException.class)
                    .hasMessageContaining("TLS").hasMessageNotContaining("gh-token");
            assertThat(https.requests).isEmpty();
        }
    }

    @Test
    void githubSendsNothingForProgressingAndFailsWithoutARevision() throws Exception {
        ProviderConfig config = config(ProviderSpec.Type.GITHUB, URI.create("https://github.com/foo/bar"), "t", Map.of());
        FluxEvent progressing = new FluxEvent(githubEvent("info").involvedObject(), "info", null, "m", "Progressing",
                Map.of("revision", "sha1:" + SHA), null, null);
        assertThat(Notifiers.of(config, "id").request(progressing)).isEmpty();
        FluxEvent noRevision = new FluxEvent(progressing.involvedObject(), "info", null, "m", "ApplySucceeded", Map.of(), null, null);
        assertThatThrownBy(() -> Notifiers.of(config, "id").request(noRevision)).hasMessage("missing revision metadata");
        ProviderRequest request = Notifiers.of(config, "id").request(githubEvent("error")).orElseThrow();
        assertThat(request.uri()).isEqualTo(URI.create("https://api.github.com/repos/foo/bar/statuses/" + SHA));
        assertThat(JSON.readTree(request.body()).get("state").asText()).isEqualTo("failure");
    }

    @Test
    void gitlabPostsACommitStatusToTheEncodedProject() throws Exception {
        server.answer(RecordingServer.status(201));
        ProviderConfig config = config(ProviderSpec.Type.GITLAB, server.uri("/foo/bar/baz.git"), "gl-token", Map.of());
        RecordingServer.Recorded request = post(Notifiers.of(config, "kustomization/webapp/0c9c2e41"), githubEvent("error"), config);

        assertThat(request.rawPath()).isEqualTo("/api/v4/projects/foo%2Fbar%2Fbaz/statuses/" + SHA);
        assertThat(request.header("PRIVATE-TOKEN")).isEqualTo("gl-token");
        JsonNode status = JSON.readTree(request.body());
        assertThat(status.get("state").asText()).isEqualTo("failed");
        assertThat(status.get("name").asText()).isEqualTo("kustomization/webapp/0c9c2e41");
        assertThat(status.get("description").asText()).isEqualTo("apply succeeded");
    }

    @Test
    void anUnsupportedTypeIsAClearError() {
        assertThatThrownBy(() -> Notifiers.of(config(ProviderSpec.Type.TELEGRAM, URI.create("https://t.me"), null, Map.of()), null))
                .hasMessage("provider type 'telegram' is not supported by Tributary");
    }

    private static FluxEvent githubEvent(String severity) {
        return new FluxEvent(new FluxEvent.InvolvedObject(null, "Kustomization", "gitops-system", "webapp", null), severity, Instant.now(),
                "applied", "ApplySucceeded", Map.of("revision", "main@sha1:" + SHA), "kustomize-controller", null);
    }

    private static Notifier catchingNotifier(ProviderConfig config) {
        try {
            return Notifiers.of(config, null);
        } catch (NotifierException e) {
            throw new AssertionError(e);
        }
    }
}
