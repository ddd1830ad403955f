package io.tributary.release.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.action.ReleaseEvents;
import io.tributary.release.action.ReleaseToolkit;
import io.tributary.release.chart.HelmEngine;
import io.tributary.release.postrender.KubectlKustomize;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom a HelmRelease's Helm actions run, as helm-controller's {@code buildRESTClientGetter} decides: the
 * local cluster with the operator's own identity; a remote cluster from {@code spec.kubeConfig.secretRef}; the
 * ServiceAccount {@code spec.serviceAccountName} of the HelmRelease's namespace (else the configured default)
 * impersonated on whichever cluster, so that every request of the actions, Helm storage included, carries
 * {@code Impersonate-User: system:serviceaccount:<namespace>:<name>}. The HelmRelease itself, its status, Events,
 * HelmChart and values stay on the local cluster with the operator's identity.
 *
 * <p>Clients are kept per cluster and identity, at most {@code capacity}, the least recently used closed.
 */
final class ReleaseClusters implements AutoCloseable {

    /** helm-controller's {@code DefaultKubeConfigSecretKey} and its {@code .yaml} fallback. */
    static final String KUBECONFIG_KEY = "value";
    static final String KUBECONFIG_KEY_EXT = "value.yaml";

    /** The actions cannot be given a client; {@code missing}: the kubeconfig Secret does not exist. */
    static final class TargetException extends Exception {
        private final boolean terminal;
        private final boolean missing;

        TargetException(String message, boolean terminal, boolean missing) {
            super(message);
            this.terminal = terminal;
            this.missing = missing;
        }

        /** A spec problem: nothing changes until the spec does. */
        boolean terminal() {
            return terminal;
        }

        boolean missing() {
            return missing;
        }
    }

    private record Target(String kubeconfigDigest, String user) {
    }

    private record Entry(KubernetesClient client, ReleaseRun run) {
    }

    private final KubernetesClient local;
    private final HelmEngine engine;
    private final ReleaseEvents events;
    private final KubectlKustomize kustomize;
    private final Optional<String> defaultServiceAccount;
    private final int capacity;
    private final ReleaseRun localRun;
    private final ReleaseToolkit localKit;
    private final Map<Target, Entry> clients = new LinkedHashMap<>(16, 0.75f, true);

    ReleaseClusters(KubernetesClient local, HelmEngine engine, ReleaseEvents events, KubectlKustomize kustomize,
            Optional<String> defaultServiceAccount, int capacity) {
        this.local = local;
        this.engine = engine;
        this.events = events;
        this.kustomize = kustomize;
        this.defaultServiceAccount = defaultServiceAccount.filter(s -> !s.isBlank());
        this.capacity = capacity;
        this.localKit = new ReleaseToolkit(local, engine, events, kustomize);
        this.localRun = new ReleaseRun(localKit);
    }

    /** The local cluster, as the operator itself. */
    ReleaseToolkit localKit() {
        return localKit;
    }

    /** The release step for {@code release}'s cluster and identity. */
    ReleaseRun runFor(HelmRelease release) throws TargetException {
        HelmReleaseSpec spec = release.getSpec();
        String namespace = release.getMetadata().getNamespace();
        String account = spec.serviceAccountName != null && !spec.serviceAccountName.isBlank() ? spec.serviceAccountName
                : defaultServiceAccount.orElse(null);
        String kubeconfig = spec.kubeConfig == null ? null : kubeconfig(namespace, spec.kubeConfig);
        if (kubeconfig == null && account == null) {
            return localRun;
        }
        String user = account == null ? null : "system:serviceaccount:" + namespace + ":" + account;
        Target target = new Target(kubeconfig == null ? "" : sha256(kubeconfig), user);
        synchronized (clients) {
            Entry known = clients.get(target);
            if (known != null) {
                return known.run();
            }
        }
        Config config;
        if (kubeconfig == null) {
            config = new ConfigBuilder(local.getConfiguration()).build();
        } else {
            try {
                config = Config.fromKubeconfig(kubeconfig);
            } catch (RuntimeException e) {
                // the parser's own message may quote the document, credentials included: only its kind is named
                throw new TargetException(field(spec.kubeConfig) + ": failed to load KubeConfig from secret '" + namespace + "/"
                        + spec.kubeConfig.secretRef.name + "': not a kubeconfig (" + e.getClass().getSimpleName() + ")", false, false);
            }
            if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
                throw new TargetException(field(spec.kubeConfig) + ": KubeConfig from secret '" + namespace + "/"
                        + spec.kubeConfig.secretRef.name + "' names no server", false, false);
            }
        }
        if (user != null) {
            config.setImpersonateUsername(user);
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Entry entry = new Entry(client, new ReleaseRun(new ReleaseToolkit(client, engine, events, kustomize)));
        synchronized (clients) {
            Entry raced = clients.putIfAbsent(target, entry);
            if (raced != null) {
                client.close();
                return raced.run();
            }
            if (clients.size() > capacity) {
                var eldest = clients.entrySet().iterator().next();
                clients.remove(eldest.getKey());
                eldest.getValue().client().close();
            }
        }
        return entry.run();
    }

    /** helm-controller's {@code ConfigFromSecret}: the given key, else {@code value}, else {@code value.yaml}. */
    private String kubeconfig(String namespace, HelmReleaseSpec.KubeConfigReference ref) throws TargetException {
        if (ref.configMapRef != null) {
            throw new TargetException("spec.kubeConfig.configMapRef: a kubeconfig built from workload identity needs cloud "
                    + "credentials this controller does not have; use spec.kubeConfig.secretRef", true, false);
        }
        if (ref.secretRef == null || ref.secretRef.name == null || ref.secretRef.name.isBlank()) {
            throw new TargetException("spec.kubeConfig.secretRef.name: required", true, false);
        }
        String name = namespace + "/" + ref.secretRef.name;
        Secret secret;
        try {
            secret = local.secrets().inNamespace(namespace).withName(ref.secretRef.name).get();
        } catch (KubernetesClientException e) {
            throw new TargetException("spec.kubeConfig.secretRef: could not get KubeConfig secret '" + name + "': " + firstLine(e),
                    false, false);
        }
        if (secret == null) {
            throw new TargetException("spec.kubeConfig.secretRef: could not get KubeConfig secret '" + name + "': not found",
                    false, true);
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String key = ref.secretRef.key;
        String encoded;
        if (key != null && !key.isEmpty()) {
            encoded = data.get(key);
            if (encoded == null || encoded.isEmpty()) {
                throw new TargetException("spec.kubeConfig.secretRef.key: KubeConfig secret '" + name + "' does not contain a '"
                        + key + "' key with data", false, false);
            }
        } else if (data.get(KUBECONFIG_KEY) != null && !data.get(KUBECONFIG_KEY).isEmpty()) {
            encoded = data.get(KUBECONFIG_KEY);
        } else if (data.get(KUBECONFIG_KEY_EXT) != null && !data.get(KUBECONFIG_KEY_EXT).isEmpty()) {
            encoded = data.get(KUBECONFIG_KEY_EXT);
        } else {
            throw new TargetException("spec.kubeConfig.secretRef: KubeConfig secret '" + name + "' does not contain a '"
                    + KUBECONFIG_KEY + "' or '" + KUBECONFIG_KEY_EXT + "' key with data", false, false);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private static String field(HelmReleaseSpec.KubeConfigReference ref) {
        return ref.secretRef.key == null || ref.secretRef.key.isEmpty() ? "spec.kubeConfig.secretRef" : "spec.kubeConfig.secretRef.key";
    }

    /** The first line of a failure: a parser's message, never the kubeconfig's content. */
    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.values().forEach(e -> e.client().close());
            clients.clear();
        }
    }
}
