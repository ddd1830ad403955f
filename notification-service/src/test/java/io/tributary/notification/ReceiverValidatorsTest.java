package io.tributary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.notification.ReceiverSpec.Type;
import io.tributary.notification.receiver.WebhookPaths;
import io.tributary.notification.webhook.ReceiverValidators;
import io.tributary.notification.webhook.Signatures;
import io.tributary.notification.webhook.Verdict;
import io.tributary.notification.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiverValidatorsTest {

    private static final String TOKEN = "s3cret";
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

    private static Verdict.Kind validate(Type type, List<String> events, Map<String, String> headers) {
        return ReceiverValidators.validate(type, events, TOKEN, new WebhookRequest(headers, BODY)).kind();
    }

    @Test
    void computesTheWebhookPathAsFluxDoes() {
        assertThat(WebhookPaths.of("token", "receiver", "default"))
                .isEqualTo("/hook/8cc3207cffc97dc881eed557d9eb9348edf632357f3132b4f4d30188c54fc63d");
    }

    @Test
    void github() {
        String good = "sha256=" + Signatures.hmacHex("sha256", TOKEN, BODY);
        assertThat(validate(Type.GITHUB, List.of(), Map.of("x-hub-signature-256", good, "x-github-event", "push"))).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(validate(Type.GITHUB, List.of(), Map.of("x-github-event", "push"))).isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.GITHUB, List.of(), Map.of("x-hub-signature-256", "sha256=" + Signatures.hmacHex("sha256", "other", BODY))))
                .isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.GITHUB, List.of(), Map.of("x-hub-signature-256", "sha1=" + Signatures.hmacHex("sha1", TOKEN, BODY))))
                .isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.GITHUB, List.of("push"), Map.of("x-hub-signature-256", good, "x-github-event", "ping")))
                .isEqualTo(Verdict.Kind.IGNORE);
        assertThat(validate(Type.GITHUB, List.of("push"), Map.of("x-hub-signature-256", good, "x-github-event", "issues")))
                .isEqualTo(Verdict.Kind.IGNORE);
        assertThat(validate(Type.GITHUB, List.of("Push"), Map.of("x-hub-signature-256", good, "x-github-event", "push")))
                .isEqualTo(Verdict.Kind.ACCEPT);
    }

    @Test
    void gitlabHarborAndGeneric() {
        assertThat(validate(Type.GITLAB, List.of(), Map.of("x-gitlab-token", TOKEN))).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(validate(Type.GITLAB, List.of(), Map.of("x-gitlab-token", "nope"))).isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.GITLAB, List.of("Push Hook"), Map.of("x-gitlab-token", TOKEN, "x-gitlab-event", "Tag Push Hook")))
                .isEqualTo(Verdict.Kind.IGNORE);
        assertThat(validate(Type.HARBOR, List.of(), Map.of("authorization", TOKEN))).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(validate(Type.HARBOR, List.of(), Map.of())).isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.GENERIC, List.of(), Map.of())).isEqualTo(Verdict.Kind.ACCEPT);
    }

    @Test
    void hmacSignedTypes() {
        for (String algorithm : List.of("sha1", "sha256", "sha512")) {
            assertThat(validate(Type.GENERIC_HMAC, List.of(), Map.of("x-signature", algorithm + "=" + Signatures.hmacHex(algorithm, TOKEN, BODY))))
                    .isEqualTo(Verdict.Kind.ACCEPT);
        }
        assertThat(validate(Type.GENERIC_HMAC, List.of(), Map.of("x-signature", "md5=abc"))).isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.GENERIC_HMAC, List.of(), Map.of())).isEqualTo(Verdict.Kind.REJECT);
        assertThat(validate(Type.BITBUCKET, List.of(), Map.of("x-hub-signature", "sha256=" + Signatures.hmacHex("sha256", TOKEN, BODY))))
                .isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(validate(Type.NEXUS, List.of(), Map.of("x-nexus-webhook-signature", Signatures.hmacHex("sha1", TOKEN, BODY))))
                .isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(validate(Type.DOCKERHUB, List.of(), Map.of())).isEqualTo(Verdict.Kind.REJECT);
    }
}
