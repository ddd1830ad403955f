package io.tributary.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Renders a one-cluster, one-user kubeconfig with embedded certificates, as kubectl and fabric8 read it. */
public final class Kubeconfig {

    private Kubeconfig() {
    }

    /**
     * @param server         the API server URL, {@code https://127.0.0.1:<port>}
     * @param caPem          the CA that signed the server's certificate
     * @param clientCertPem  the user's client certificate
     * @param clientKeyPem   the user's private key
     * @param namespace      the context's default namespace
     */
    public static String render(String server, String caPem, String clientCertPem, String clientKeyPem, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: tributary
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: tributary
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: tributary
                  context:
                    cluster: tributary
                    user: tributary
                    namespace: %s
                current-context: tributary
                """.formatted(server, base64(caPem), base64(clientCertPem), base64(clientKeyPem), namespace);
    }

    static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
