package io.tributary.release.storage;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's Secret storage driver: one Secret {@code sh.helm.release.v1.<name>.v<version>} of type
 * {@code helm.sh/release.v1} per revision, so {@code helm ls}, {@code helm history} and {@code helm rollback} see it.
 */
@ApplicationScoped
public class ReleaseStorage {

    public static final String TYPE = "helm.sh/release.v1";

    private final KubernetesClient client;

    @Inject
    public ReleaseStorage(KubernetesClient client) {
        this.client = client;
    }

    public static String secretName(String release, int version) {
        return "sh.helm.release.v1." + release + ".v" + version;
    }

    /** Every stored revision of {@code release}, newest first. */
    public List<HelmReleaseRecord> history(String namespace, String release) throws IOException {
        List<Secret> secrets = client.secrets().inNamespace(namespace)
                .withLabel("owner", "helm").withLabel("name", release).list().getItems();
        List<HelmReleaseRecord> records = new ArrayList<>();
        for (Secret secret : secrets) {
            if (TYPE.equals(secret.getType()) && secret.getData() != null && secret.getData().get("release") != null) {
                String encoded = new String(Base64.getDecoder().decode(secret.getData().get("release")), StandardCharsets.US_ASCII);
                records.add(ReleaseCodec.decode(encoded));
            }
        }
        records.sort(Comparator.comparingInt(HelmReleaseRecord::version).reversed());
        return records;
    }

    public Optional<HelmReleaseRecord> latest(String namespace, String release) throws IOException {
        return history(namespace, release).stream().findFirst();
    }

    /** Creates or replaces the Secret holding {@code record} in {@code storageNamespace}. */
    public void save(String storageNamespace, HelmReleaseRecord record) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("owner", "helm");
        labels.put("name", record.name());
        labels.put("status", record.info().status());
        labels.put("version", Integer.toString(record.version()));
        labels.put("modifiedAt", Long.toString(Instant.now().getEpochSecond()));
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(secretName(record.name(), record.version()))
                .withNamespace(storageNamespace)
                .withLabels(labels)
                .endMetadata()
                .withType(TYPE)
                .withData(Map.of("release", Base64.getEncoder().encodeToString(
                        ReleaseCodec.encode(record).getBytes(StandardCharsets.US_ASCII))))
                .build();
        client.secrets().inNamespace(storageNamespace).resource(secret).createOr(op -> op.update());
    }

    public void delete(String namespace, String release, int version) {
        client.secrets().inNamespace(namespace).withName(secretName(release, version)).delete();
    }

    /** Removes revisions beyond {@code maxHistory} (0 keeps all), oldest first, never the newest. */
    public void prune(String namespace, String release, int maxHistory) throws IOException {
        if (maxHistory <= 0) {
            return;
        }
        List<HelmReleaseRecord> records = history(namespace, release);
        for (HelmReleaseRecord old : records.subList(Math.min(maxHistory, records.size()), records.size())) {
            delete(namespace, release, old.version());
        }
    }
}
