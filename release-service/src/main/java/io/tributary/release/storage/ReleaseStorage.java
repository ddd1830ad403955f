package io.tributary.release.storage;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
    /** helm/helm v4.2.4 {@code pkg/storage/driver/util.go}: the labels the driver sets, never the release's own. */
    static final List<String> SYSTEM_LABELS = List.of("name", "owner", "status", "version", "createdAt", "modifiedAt");
    private static final int HTTP_CONFLICT = 409;

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

    /**
     * Creates or replaces the Secret holding {@code record} in {@code storageNamespace}, labelled as Helm's driver labels
     * it: {@code createdAt} when created, {@code modifiedAt} when replaced; a replaced Secret keeps the release's own
     * labels ({@code helm install --labels}).
     */
    public void save(String storageNamespace, HelmReleaseRecord record) {
        String now = Long.toString(Instant.now().getEpochSecond());
        var secrets = client.secrets().inNamespace(storageNamespace);
        try {
            secrets.resource(secret(storageNamespace, record, Map.of("createdAt", now))).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_CONFLICT) {
                throw e;
            }
            Secret existing = secrets.withName(secretName(record.name(), record.version())).get();
            Map<String, String> labels = new LinkedHashMap<>(existing == null ? Map.of() : releaseLabels(existing.getMetadata().getLabels()));
            labels.put("modifiedAt", now);
            Secret replacement = secret(storageNamespace, record, labels);
            if (existing != null) {
                replacement.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            }
            secrets.resource(replacement).update();
        }
    }

    /** The labels Helm keeps as the release's own: all but the ones its driver sets. */
    static Map<String, String> releaseLabels(Map<String, String> labels) {
        Map<String, String> own = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (!SYSTEM_LABELS.contains(k)) {
                    own.put(k, v);
                }
            });
        }
        return own;
    }

    private static Secret secret(String storageNamespace, HelmReleaseRecord record, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>(extraLabels);
        labels.put("name", record.name());
        labels.put("owner", "helm");
        labels.put("status", record.info().status());
        labels.put("version", Integer.toString(record.version()));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(secretName(record.name(), record.version()))
                .withNamespace(storageNamespace)
                .withLabels(labels)
                .endMetadata()
                .withType(TYPE)
                .withData(Map.of("release", Base64.getEncoder().encodeToString(
                        ReleaseCodec.encode(record).getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    public void delete(String namespace, String release, int version) {
        client.secrets().inNamespace(namespace).withName(secretName(release, version)).delete();
    }

    /**
     * Helm's {@code Storage.Create} with {@code MaxHistory} ({@code removeLeastRecent(name, maxHistory-1)}): before a new
     * revision is stored, the oldest revisions go until {@code maxHistory - 1} are left, never the last deployed one, so
     * that a run of failed upgrades cannot prune away the revision a rollback needs. 0 (or less) keeps everything.
     * {@code newestFirst} is the release's history as {@link #history} just read it.
     */
    public void makeRoom(String namespace, String release, int maxHistory, List<HelmReleaseRecord> newestFirst) {
        if (maxHistory <= 0) {
            return;
        }
        int maximum = maxHistory - 1;
        if (newestFirst.size() <= maximum) {
            return;
        }
        Optional<HelmReleaseRecord> lastDeployed = newestFirst.stream().filter(r -> "deployed".equals(r.status())).findFirst();
        List<HelmReleaseRecord> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        List<HelmReleaseRecord> toDelete = new ArrayList<>();
        for (HelmReleaseRecord r : oldestFirst) {
            if (oldestFirst.size() - toDelete.size() == maximum) {
                break;
            }
            if (lastDeployed.isEmpty() || r.version() != lastDeployed.get().version()) {
                toDelete.add(r);
            }
        }
        for (HelmReleaseRecord old : toDelete) {
            delete(namespace, release, old.version());
        }
    }
}
