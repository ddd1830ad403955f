package io.tributary.fetcher.source.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.api.meta.Reasons;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.HelmRepositorySpec;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.operator.tls.PemTls;
import java.time.Duration;
import java.util.Map;

/** A HelmRepository's {@code secretRef} (username/password) and {@code certSecretRef} (TLS), checked key by key. */
final class HelmSecrets {

    private HelmSecrets() {
    }

    /** An HTTP client for the repository, with its credentials and TLS. */
    static HelmHttp client(KubernetesClient client, HelmRepository repo, Duration timeout) throws FetchFailure {
        HelmRepositorySpec spec = repo.getSpec();
        String namespace = repo.getMetadata().getNamespace();
        String username = null;
        String password = null;
        if (spec.secretRef != null && spec.secretRef.name != null) {
            Map<String, String> data = data(client, namespace, spec.secretRef.name);
            username = data.get("username");
            password = data.get("password");
            if ((username == null) != (password == null)) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + spec.secretRef.name
                        + "': keys 'username' and 'password' go together", false);
            }
        }
        PemTls tls = null;
        if (spec.certSecretRef != null && spec.certSecretRef.name != null) {
            Map<String, String> data = data(client, namespace, spec.certSecretRef.name);
            try {
                tls = PemTls.of(data.get("ca.crt"), data.get("tls.crt"), data.get("tls.key"));
            } catch (IllegalArgumentException invalid) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "secret '" + namespace + "/" + spec.certSecretRef.name + "': "
                        + invalid.getMessage(), false);
            }
        }
        return new HelmHttp(spec.url, username, password, tls, Boolean.TRUE.equals(spec.passCredentials), timeout);
    }

    private static Map<String, String> data(KubernetesClient client, String namespace, String name) throws FetchFailure {
        return io.tributary.fetcher.source.SecretData.load(client, namespace, name, "secret");
    }
}
