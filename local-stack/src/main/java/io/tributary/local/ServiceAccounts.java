package io.tributary.local;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each service the identity it has in a cluster: the namespace and RBAC of {@code k8s/deploy}, and for each
 * service a kubeconfig holding a token of its ServiceAccount from the TokenRequest API, so the services are allowed
 * exactly what {@code k8s/deploy/rbac.yaml} grants them.
 */
final class ServiceAccounts {

    /** The ServiceAccount of each service in {@code k8s/deploy/services.yaml}. */
    static final Map<String, String> OF_SERVICE = Map.of(
            "artifact-service", "tributary-artifacts",
            "fetcher-service", "tributary-sources",
            "release-service", "tributary-release",
            "notification-service", "tributary-notification");
    static final String NAMESPACE = "tributary-system";
    /** Long enough for a day's session of {@code bin/run-local}; the token is never renewed. */
    private static final long TOKEN_SECONDS = 24 * 3600;

    private ServiceAccounts() {
    }

    /** Applies {@code k8s/deploy/namespace.yaml} and {@code rbac.yaml}. */
    static void applyRbac(KubernetesClient client, Path root) throws IOException {
        for (String file : List.of("namespace.yaml", "rbac.yaml")) {
            try (InputStream in = Files.newInputStream(root.resolve("k8s/deploy").resolve(file))) {
                for (HasMetadata object : client.load(in).items()) {
                    client.resource(object).createOr(op -> op.update());
                }
            }
        }
    }

    /** Writes one kubeconfig per service into {@code dir} (readable by the owner only); service name → file. */
    static Map<String, Path> kubeconfigs(KubernetesClient client, Path dir) throws IOException {
        Files.createDirectories(dir);
        String server = client.getConfiguration().getMasterUrl();
        String ca = client.getConfiguration().getCaCertData();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String service : List.of("artifact-service", "fetcher-service", "release-service", "notification-service")) {
            String account = OF_SERVICE.get(service);
            Path file = dir.resolve(service + ".kubeconfig");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, render(server, ca, account, token(client, account)));
            files.put(service, file);
        }
        return files;
    }

    private static String token(KubernetesClient client, String account) {
        var accounts = client.serviceAccounts().inNamespace(NAMESPACE);
        // the ServiceAccount was just created; its object is there at once, no controller needed
        ServiceAccount sa = accounts.withName(account).get();
        if (sa == null) {
            throw new IllegalStateException("ServiceAccount " + NAMESPACE + "/" + account + " is missing from k8s/deploy/rbac.yaml");
        }
        TokenRequest request = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(TOKEN_SECONDS).endSpec().build();
        return accounts.withName(account).tokenRequest(request).getStatus().getToken();
    }

    static String render(String server, String caData, String account, String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: tributary
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: tributary
                  context:
                    cluster: tributary
                    user: %s
                    namespace: %s
                current-context: tributary
                """.formatted(server, caData, account, token, account, NAMESPACE);
    }
}
