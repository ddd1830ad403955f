package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.notification.ReceiverSpec.Type;
import io.tributary.notification.receiver.WebhookPaths;
import io.tributary.notification.webhook.ReceiverValidators;
import io.tributary.notification.webhook.Signatures;
import io.tributary.notification.webhook.Verdict;
import io.tributary.notification.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Receiver validation, one row per request.
 *
 * <p>Rows marked {@code flux} port {@code Test_handlePayload} of fluxcd/notification-controller v1.9.3
 * ({@code internal/server/receiver_handler_test.go}, commit 2e46958): token {@code token}, the payload Go's
 * {@code json.Marshal} writes (keys sorted, {@code null} for none), the signature the test computes. Rows marked
 * {@code go-github} port {@code TestValidatePayload*} of google/go-github v64.0.0 ({@code github/messages_test.go}):
 * key {@code 0123456789abcdef}, body {@code {"yo":true}}, the signatures given there; go-github sends them in
 * X-Hub-Signature unless the row names X-Hub-Signature-256.
 *
 * <p>Not ported, with no equivalent here: go-github's rows without a secret key (a Receiver always has a token, and a
 * request without a signature header is refused before its body is read); Flux's rows for receiver types not
 * implemented (cdevents, quay, dockerhub, gcr, acr, generic-oidc: these answer 400 "not supported yet", one row below),
 * its CEL resourceFilter rows and its rows about resources (annotations, matchLabels, cross-namespace refs), which are
 * not validation.
 */
class ReceiverValidatorsTest {

    private static final String FLUX_TOKEN = "token";
    private static final String GH_KEY = "0123456789abcdef";
    private static final String GH_BODY = "{\"yo\":true}";
    private static final String GH_FORM_BODY = "payload=%7B%22yo%22%3Atrue%7D";
    private static final String NEXUS_BODY = "{\"action\":\"CREATED\",\"asset\":{\"assetId\":\"bnBtLXByb3h5OjMxYzk1MGM4ZWVlYWI3ODMzNjMwODE3N2FlOWM0NDFj\","
            + "\"format\":\"npm\",\"id\":\"31c950c8eeeab78336308177ae9c441c\",\"name\":\"concrete\"},\"initiator\":\"admin/127.0.0.1\","
            + "\"nodeId\":\"52905B51-085CCABB-CEBBEAAD-16795588-FC927D93\",\"repositoryName\":\"npm-proxy\",\"timestamp\":\"2016-11-10T23:57:49.664+0000\"}";

    record Row(String name, Type type, List<String> events, String token, Map<String, String> headers, String body, boolean accepted) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i].toLowerCase(Locale.ROOT), pairs[i + 1]);
        }
        return map;
    }

    private static String hmac(String algorithm, String key, String body) {
        return Signatures.hmacHex(algorithm, key, body.getBytes(StandardCharsets.UTF_8));
    }

    private static final String FLUX_GITHUB_BODY = "{\"action\":\"push\"}";
    private static final String FLUX_GITHUB_SIG = "sha256=" + hmac("sha256", FLUX_TOKEN, FLUX_GITHUB_BODY);
    private static final String JSON = "application/json";

    static Stream<Row> rows() {
        return Stream.of(
                // flux: one accepted request per implemented type
                new Row("flux: Generic receiver", Type.GENERIC, List.of(), FLUX_TOKEN, headers(), "null", true),
                new Row("flux: gitlab receiver", Type.GITLAB, List.of(), FLUX_TOKEN, headers("X-Gitlab-Token", "token"), "null", true),
                new Row("flux: github receiver", Type.GITHUB, List.of(), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", FLUX_GITHUB_SIG), FLUX_GITHUB_BODY, true),
                new Row("flux: generic hmac receiver", Type.GENERIC_HMAC, List.of(), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Signature", "sha256=" + hmac("sha256", FLUX_TOKEN, "null")), "null", true),
                new Row("flux: bitbucket receiver", Type.BITBUCKET, List.of("push"), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Event-Key", "push", "X-Hub-Signature-256", "sha256=" + hmac("sha256", FLUX_TOKEN, "null")),
                        "null", true),
                new Row("flux: harbor receiver", Type.HARBOR, List.of(), FLUX_TOKEN, headers("Authorization", "token"), "null", true),
                new Row("flux: Nexus receiver", Type.NEXUS, List.of(), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Nexus-Webhook-Signature", hmac("sha1", FLUX_TOKEN, NEXUS_BODY)), NEXUS_BODY, true),

                // go-github TestValidatePayload
                new Row("go-github: missing signature", Type.GITHUB, List.of(), GH_KEY, headers("Content-Type", JSON), GH_BODY, false),
                new Row("go-github: missing signature prefix", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "yo"), GH_BODY, false),
                new Row("go-github: signature not hex", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha1=yo"), GH_BODY, false),
                new Row("go-github: invalid signature", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha1=012345"), GH_BODY, false),
                new Row("go-github: sha1", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha1=126f2c800419c60137ce748d7672e77b65cf16d6"), GH_BODY, true),
                new Row("go-github: sha256 in X-Hub-Signature", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha256=b1f8020f5b4cd42042f807dd939015c4a418bc1ff7f604dd55b0a19b5d953d9b"),
                        GH_BODY, true),
                new Row("go-github: sha256 in X-Hub-Signature-256", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", "sha256=b1f8020f5b4cd42042f807dd939015c4a418bc1ff7f604dd55b0a19b5d953d9b"),
                        GH_BODY, true),
                new Row("go-github: sha512", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha512=8456767023c1195682e182a23b3f5d19150ecea598fde8cb85918f7281b16079"
                                + "471b1329f92b912c4d8bd7455cb159777db8f29608b20c7c87323ba65ae62e1f"), GH_BODY, true),
                new Row("go-github: bogus hash prefix", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "bogus1=1234567"), GH_BODY, false),
                // go-github TestValidatePayload_FormPost / _FormGet: the signature covers the raw form body
                new Row("go-github: form body", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", "application/x-www-form-urlencoded", "X-Hub-Signature", "sha1=3374ef144403e8035423b23b02e2c9d7a4c50368"),
                        GH_FORM_BODY, true),
                new Row("go-github: form body, invalid signature", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", "application/x-www-form-urlencoded", "X-Hub-Signature", "invalid signature"), GH_FORM_BODY, false),
                // go-github TestValidatePayload_InvalidContentType
                new Row("go-github: invalid content type", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", "invalid content type", "X-Hub-Signature", "sha1=126f2c800419c60137ce748d7672e77b65cf16d6"), GH_BODY, false),

                // GitHub details of go-github and receiver_handlers.go
                new Row("github: X-Hub-Signature-256 wins over X-Hub-Signature", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", "sha256=" + "0".repeat(64),
                                "X-Hub-Signature", "sha1=126f2c800419c60137ce748d7672e77b65cf16d6"), GH_BODY, false),
                new Row("github: an empty X-Hub-Signature-256 falls back to X-Hub-Signature", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", "", "X-Hub-Signature", "sha1=126f2c800419c60137ce748d7672e77b65cf16d6"),
                        GH_BODY, true),
                new Row("github: the hash prefix is case-sensitive", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "SHA1=126f2c800419c60137ce748d7672e77b65cf16d6"), GH_BODY, false),
                new Row("github: hex digits in upper case", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha1=126F2C800419C60137CE748D7672E77B65CF16D6"), GH_BODY, true),
                new Row("github: Content-Type parameters are ignored", Type.GITHUB, List.of(), GH_KEY,
                        headers("Content-Type", "Application/JSON; charset=utf-8", "X-Hub-Signature", "sha1=126f2c800419c60137ce748d7672e77b65cf16d6"),
                        GH_BODY, true),
                new Row("github: no Content-Type", Type.GITHUB, List.of(), GH_KEY,
                        headers("X-Hub-Signature", "sha1=126f2c800419c60137ce748d7672e77b65cf16d6"), GH_BODY, false),
                new Row("github: signed with another token", Type.GITHUB, List.of(), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", "sha256=" + hmac("sha256", "other", FLUX_GITHUB_BODY)), FLUX_GITHUB_BODY, false),
                new Row("github: tampered body", Type.GITHUB, List.of(), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", FLUX_GITHUB_SIG), FLUX_GITHUB_BODY + " ", false),
                new Row("github: event in spec.events, any case", Type.GITHUB, List.of("Push"), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", FLUX_GITHUB_SIG, "X-GitHub-Event", "push"), FLUX_GITHUB_BODY, true),
                new Row("github: event not in spec.events (Flux: not authorised)", Type.GITHUB, List.of("push"), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", FLUX_GITHUB_SIG, "X-GitHub-Event", "issues"), FLUX_GITHUB_BODY, false),
                new Row("github: ping is an event like any other", Type.GITHUB, List.of("push"), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", FLUX_GITHUB_SIG, "X-GitHub-Event", "ping"), FLUX_GITHUB_BODY, false),
                new Row("github: no event header with spec.events", Type.GITHUB, List.of("push"), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature-256", FLUX_GITHUB_SIG), FLUX_GITHUB_BODY, false),

                // GitLab, Bitbucket, Harbor, generic-hmac, Nexus
                new Row("gitlab: wrong token", Type.GITLAB, List.of(), FLUX_TOKEN, headers("X-Gitlab-Token", "nope"), "null", false),
                new Row("gitlab: no token", Type.GITLAB, List.of(), FLUX_TOKEN, headers(), "null", false),
                new Row("gitlab: event not in spec.events", Type.GITLAB, List.of("Push Hook"), FLUX_TOKEN,
                        headers("X-Gitlab-Token", "token", "X-Gitlab-Event", "Tag Push Hook"), "null", false),
                new Row("gitlab: event in spec.events", Type.GITLAB, List.of("Push Hook"), FLUX_TOKEN,
                        headers("X-Gitlab-Token", "token", "X-Gitlab-Event", "push hook"), "null", true),
                new Row("bitbucket: X-Hub-Signature", Type.BITBUCKET, List.of(), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Hub-Signature", "sha256=" + hmac("sha256", FLUX_TOKEN, "null")), "null", true),
                new Row("bitbucket: event not in spec.events", Type.BITBUCKET, List.of("repo:refs_changed"), FLUX_TOKEN,
                        headers("Content-Type", JSON, "X-Event-Key", "pr:opened", "X-Hub-Signature", "sha256=" + hmac("sha256", FLUX_TOKEN, "null")),
                        "null", false),
                new Row("harbor: another token", Type.HARBOR, List.of(), FLUX_TOKEN, headers("Authorization", "Bearer token"), "null", false),
                new Row("harbor: no Authorization", Type.HARBOR, List.of(), FLUX_TOKEN, headers(), "null", false),
                new Row("generic-hmac: sha1", Type.GENERIC_HMAC, List.of(), FLUX_TOKEN,
                        headers("X-Signature", "sha1=" + hmac("sha1", FLUX_TOKEN, "null")), "null", true),
                new Row("generic-hmac: sha512", Type.GENERIC_HMAC, List.of(), FLUX_TOKEN,
                        headers("X-Signature", "sha512=" + hmac("sha512", FLUX_TOKEN, "null")), "null", true),
                new Row("generic-hmac: md5 is not a prefix", Type.GENERIC_HMAC, List.of(), FLUX_TOKEN, headers("X-Signature", "md5=abc"), "null", false),
                new Row("generic-hmac: no X-Signature", Type.GENERIC_HMAC, List.of(), FLUX_TOKEN, headers(), "null", false),
                new Row("nexus: upper-case hex (Flux compares exactly)", Type.NEXUS, List.of(), FLUX_TOKEN,
                        headers("X-Nexus-Webhook-Signature", hmac("sha1", FLUX_TOKEN, NEXUS_BODY).toUpperCase(Locale.ROOT)), NEXUS_BODY, false),
                new Row("nexus: signed, not JSON", Type.NEXUS, List.of(), FLUX_TOKEN,
                        headers("X-Nexus-Webhook-Signature", hmac("sha1", FLUX_TOKEN, "not json")), "not json", false),
                new Row("nexus: signed, action not a string", Type.NEXUS, List.of(), FLUX_TOKEN,
                        headers("X-Nexus-Webhook-Signature", hmac("sha1", FLUX_TOKEN, "{\"action\":5}")), "{\"action\":5}", false),
                new Row("nexus: no signature", Type.NEXUS, List.of(), FLUX_TOKEN, headers(), NEXUS_BODY, false),
                new Row("dockerhub: not supported yet", Type.DOCKERHUB, List.of(), FLUX_TOKEN, headers(), "null", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void validates(Row row) {
        Verdict verdict = ReceiverValidators.validate(row.type(), row.events(), row.token(),
                new WebhookRequest(row.headers(), row.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(verdict.accepted()).as(verdict.message()).isEqualTo(row.accepted());
        if (!row.accepted()) {
            assertThat(verdict.message()).isNotBlank();
            // Flux's token is the word "token", which messages may well contain; the go-github key is not a word
            if (!FLUX_TOKEN.equals(row.token())) {
                assertThat(verdict.message()).doesNotContain(row.token());
            }
        }
    }

    /** Whatever the headers alone refuse, validation refuses too; a screened request is never refused for its headers only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void screeningIsAPrefixOfValidation(Row row) {
        Verdict screened = ReceiverValidators.screen(row.type(), row.events(), WebhookRequest.headersOnly(row.headers()));
        if (row.accepted()) {
            assertThat(screened.accepted()).as(screened.message()).isTrue();
        }
        if (!screened.accepted()) {
            assertThat(row.accepted()).isFalse();
        }
    }

    @Test
    void computesTheWebhookPathAsFluxDoes() {
        assertThat(WebhookPaths.of("token", "receiver", "default"))
                .isEqualTo("/hook/8cc3207cffc97dc881eed557d9eb9348edf632357f3132b4f4d30188c54fc63d");
    }
}
