package io.tributary.release.action;

import static io.tributary.release.action.LifecycleFixture.NS;
import static io.tributary.release.action.LifecycleFixture.configMap;
import static io.tributary.release.action.LifecycleFixture.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.Conditions;
import io.tributary.release.chart.LoadedChart;
import io.tributary.testsupport.HelmClient;
import io.tributary.testsupport.SharedServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tributary's releases as the real Helm library reads them, and Helm's releases as Tributary takes them over: the Helm
 * Go library behind helm-java 0.0.21 (helm.sh/helm/v3 v3.21.0) lists, shows and upgrades what the release actions
 * stored, and a release Helm installed is adopted and upgraded with its history intact. Descriptions are the strings
 * of helm/helm v4.2.4 {@code pkg/action} (install.go, upgrade.go, rollback.go), which v3.21.0 writes alike.
 *
 * <p>Storage is also read back here without Tributary's codec (base64, gzip, JSON tree), so a field Tributary drops
 * or rewrites shows up as a difference in what Helm would decode.
 */
class HelmInteropTest {

    private static final String GIZMO = "{{ if .Values.broken }}apiVersion: nowhere.example.com/v1\nkind: Gizmo\nmetadata:\n"
            + "  name: g\n{{ end }}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LifecycleFixture fx;
    static HelmClient helm;

    @BeforeAll
    static void start() {
        fx = new LifecycleFixture(dir);
        helm = new HelmClient(SharedServers.controlPlane().kubeconfig());
    }

    private static String condition(HelmRelease r, String type) {
        return Conditions.find(r.getStatus().conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
    }

    private static String chartYaml(String name, String version, String appVersion) {
        return "apiVersion: v2\nname: " + name + "\nversion: " + version + "\nappVersion: \"" + appVersion + "\"\n"
                + "description: interoperability\n";
    }

    /** The release JSON Helm's Secret driver would decode for {@code release} revision {@code revision}. */
    private static JsonNode stored(String release, int revision) throws IOException {
        Secret secret = fx.client.secrets().inNamespace(NS).withName(HelmClient.releaseSecretName(release, revision)).get();
        assertThat(secret).as("Secret of %s.v%d", release, revision).isNotNull();
        byte[] helmEncoded = Base64.getDecoder().decode(secret.getData().get("release"));
        byte[] gzipped = Base64.getDecoder().decode(helmEncoded);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    private static Map<String, String> labels(String release, int revision) {
        return fx.client.secrets().inNamespace(NS).withName(HelmClient.releaseSecretName(release, revision)).get().getMetadata()
                .getLabels();
    }

    private static List<ReleaseHistory> history(String release) {
        return helm.history(release, NS);
    }

    private static Release listed(String release) {
        return helm.list(NS).stream().filter(r -> r.getName().equals(release)).findFirst().orElseThrow();
    }

    private static ConfigMap configMapNamed(String name) {
        return fx.client.configMaps().inNamespace(NS).withName(name).get();
    }

    /** {@code node} without its null members, as Go decodes a missing field and a null one alike. */
    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    it.remove();
                } else {
                    strip(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(HelmInteropTest::strip);
        }
    }

    @Test
    void installUpgradeFailedUpgradeAndRollbackReadBackInHelm() throws Exception {
        HelmRelease hr = release("interop");
        hr.getSpec().upgrade = new HelmReleaseSpec.Upgrade();
        hr.getSpec().upgrade.remediation = new HelmReleaseSpec.Remediation();
        hr.getSpec().upgrade.remediation.retries = 1;
        hr.getSpec().upgrade.remediation.strategy = "rollback";
        LoadedChart chart = fx.chart("interop", "1.0.0", Map.of(
                "cm.yaml", configMap("interop-settings", "  message: {{ .Values.message }}\n"),
                "extra.yaml", configMap("interop-extra", "  kept: \"until helm upgrades\"\n"),
                "gizmo.yaml", GIZMO), Map.of("Chart.yaml", chartYaml("interop", "1.0.0", "2.4.0")));

        fx.reconcile(hr, chart, Map.of("message", "one"));
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "two"));
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "three", "broken", true));
        assertThat(condition(hr, "Remediated")).isEqualTo("True/RollbackSucceeded");
        String failure = "Upgrade \"interop\" failed: interop/templates/gizmo.yaml: resource mapping not found for name: \"g\": "
                + "no matches for kind \"Gizmo\" in version \"nowhere.example.com/v1\"; ensure CRDs are installed first";
        assertThat(fx.revisions("interop")).containsExactly("4:deployed:Rollback to 2", "3:failed:" + failure,
                "2:superseded:Upgrade complete", "1:superseded:Install complete");

        // helm list --all
        Release listed = listed("interop");
        assertThat(List.of(listed.getRevision(), listed.getStatus(), listed.getChart(), listed.getAppVersion(), listed.getNamespace()))
                .containsExactly("4", "deployed", "interop-1.0.0", "2.4.0", NS);
        assertThat(listed.getLastDeployed()).isNotNull();

        // helm history
        assertThat(history("interop")).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus,
                ReleaseHistory::getDescription, ReleaseHistory::getChart, ReleaseHistory::getAppVersion).containsExactly(
                tuple(1, "superseded", "Install complete", "interop-1.0.0", "2.4.0"),
                tuple(2, "superseded", "Upgrade complete", "interop-1.0.0", "2.4.0"),
                tuple(3, "failed", failure, "interop-1.0.0", "2.4.0"),
                tuple(4, "deployed", "Rollback to 2", "interop-1.0.0", "2.4.0"));
        assertThat(history("interop")).allSatisfy(h -> assertThat(h.getUpdated()).isNotNull());

        // helm status, latest and by revision
        Release status = helm.status("interop", NS);
        assertThat(List.of(status.getName(), status.getNamespace(), status.getStatus(), status.getRevision(), status.getChart(),
                status.getAppVersion())).containsExactly("interop", NS, "deployed", "4", "interop-1.0.0", "2.4.0");
        assertThat(status.getOutput()).contains("DESCRIPTION: Rollback to 2\n");
        assertThat(helm.status("interop", NS, 3).getOutput()).contains("STATUS: failed\n", "DESCRIPTION: " + failure + "\n");

        // helm get values, by revision: the values each revision was made with; --all adds the chart's defaults
        assertThat(helm.values("interop", NS, 1, false)).isEqualTo("message: one\n");
        assertThat(helm.values("interop", NS, 3, false)).isEqualTo("broken: true\nmessage: three\n");
        assertThat(helm.values("interop", NS, 4, false)).isEqualTo("message: two\n");
        assertThat(helm.values("interop", NS, 4, true)).isEqualTo("message: two\n");

        // the labels Helm's Secret driver selects and lists by
        for (int revision = 1; revision <= 4; revision++) {
            assertThat(labels("interop", revision)).containsEntry("owner", "helm").containsEntry("name", "interop")
                    .containsEntry("version", Integer.toString(revision))
                    .containsEntry("status", revision == 4 ? "deployed" : revision == 3 ? "failed" : "superseded");
        }

        // written pending, then replaced: Helm's driver sets createdAt on create and only modifiedAt on update
        for (int revision = 1; revision <= 4; revision++) {
            assertThat(labels("interop", revision).keySet()).containsExactlyInAnyOrder("name", "owner", "status", "version", "modifiedAt");
        }
        // the snapshots in status are valid date-times: none is Helm 3's "" for a zero time
        assertThat(hr.getStatus().history).allSatisfy(snap -> {
            assertThat(java.time.OffsetDateTime.parse(snap.firstDeployed)).isNotNull();
            assertThat(snap.deleted).isNull();
        });

        // the manifest Helm reads is what is in the cluster: the rollback's is revision 2's
        JsonNode v4 = stored("interop", 4);
        assertThat(v4.path("manifest").asText()).isEqualTo(stored("interop", 2).path("manifest").asText())
                .contains("# Source: interop/templates/cm.yaml\n", "message: two", "name: interop-extra")
                .doesNotContain("Gizmo");
        assertThat(configMapNamed("interop-settings").getData()).containsEntry("message", "two");
        assertThat(v4.path("name").asText()).isEqualTo("interop");
        assertThat(v4.path("namespace").asText()).isEqualTo(NS);
        assertThat(v4.path("version").asInt()).isEqualTo(4);
        assertThat(v4.path("chart").path("metadata").path("appVersion").asText()).isEqualTo("2.4.0");
        assertThat(v4.path("apply_method").asText()).isEqualTo("ssa");
        assertThat(v4.path("chart").path("templates")).extracting(t -> t.path("name").asText())
                .containsExactly("templates/cm.yaml", "templates/extra.yaml", "templates/gizmo.yaml");
        assertThat(stored("interop", 3).path("manifest").asText()).contains("message: three", "kind: Gizmo");

        // Helm takes over: an upgrade by Helm reads our revision 4 as its current release, deletes what its chart no
        // longer renders (known only from our manifest), supersedes revision 4
        LoadedChart smaller = fx.chart("interop", "1.1.0", Map.of(
                "cm.yaml", configMap("interop-settings", "  message: {{ .Values.message }}\n")),
                Map.of("Chart.yaml", chartYaml("interop", "1.1.0", "2.5.0")));
        Release upgraded = helm.upgrade(smaller.dir(), "interop", NS, Map.of("message", "by-helm"));
        assertThat(List.of(upgraded.getRevision(), upgraded.getStatus())).containsExactly("5", "deployed");
        assertThat(history("interop")).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus,
                ReleaseHistory::getDescription).endsWith(tuple(4, "superseded", "Rollback to 2"),
                tuple(5, "deployed", "Upgrade complete"));
        assertThat(configMapNamed("interop-extra")).isNull();
        assertThat(configMapNamed("interop-settings").getData()).containsEntry("message", "by-helm");

        // and Tributary reads Helm's revision 5 back, and upgrades over it to what the HelmRelease asks for
        assertThat(fx.revisions("interop")).first().isEqualTo("5:deployed:Upgrade complete");
        LifecycleFixture.bump(hr);
        fx.reconcile(hr, chart, Map.of("message", "four"));
        assertThat(fx.revisions("interop")).first().isEqualTo("6:deployed:Upgrade complete");
        assertThat(configMapNamed("interop-settings").getData()).containsEntry("message", "four");
        assertThat(configMapNamed("interop-extra")).isNotNull();
        assertThat(listed("interop").getRevision()).isEqualTo("6");
        assertThat(history("interop")).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus)
                .endsWith(tuple(5, "superseded"), tuple(6, "deployed"));
        assertThat(hr.getStatus().history).allSatisfy(snap -> assertThat(snap.deleted).isNull());
    }

    @Test
    void aReleaseInstalledByHelmIsAdoptedAndUpgradedWithItsHistory() throws Exception {
        LoadedChart chart = fx.chart("adopted", "0.3.0", Map.of(
                "cm.yaml", configMap("{{ .Release.Name }}-settings", "  message: {{ .Values.message }}\n"),
                "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports: [{port: 80}]\n"),
                // appVersion unquoted: a number in YAML, which Helm reads into its string field as Go formats it
                Map.of("Chart.yaml", "apiVersion: v2\nname: adopted\nversion: 0.3.0\nappVersion: 1.10\n", "README.md", "# adopted\n",
                        "values.schema.json", "{\"type\": \"object\", \"properties\": {\"message\": {\"type\": \"string\"}}}\n",
                        "files/greeting.txt", "hello\n"));
        Release installed = helm.install(chart.dir(), "adopted", NS, Map.of("message", "one"));
        assertThat(List.of(installed.getRevision(), installed.getStatus())).containsExactly("1", "deployed");
        JsonNode byHelm = stored("adopted", 1);
        java.util.Set<String> helmLabels = new java.util.HashSet<>(labels("adopted", 1).keySet());
        // the release's own labels, as `helm install --labels team=shop` stores them
        fx.client.secrets().inNamespace(NS).withName(HelmClient.releaseSecretName("adopted", 1))
                .edit(s -> new io.fabric8.kubernetes.api.model.SecretBuilder(s).editMetadata().addToLabels("team", "shop").endMetadata()
                        .build());
        String configMapUid = configMapNamed("adopted-settings").getMetadata().getUid();
        String serviceUid = fx.client.services().inNamespace(NS).withName("adopted").get().getMetadata().getUid();

        HelmRelease hr = release("adopted");
        fx.reconcile(hr, chart, Map.of("message", "one"));

        assertThat(condition(hr, "Ready")).isEqualTo("True/UpgradeSucceeded");
        assertThat(history("adopted")).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus,
                ReleaseHistory::getDescription, ReleaseHistory::getChart).containsExactly(
                tuple(1, "superseded", "Install complete", "adopted-0.3.0"),
                tuple(2, "deployed", "Upgrade complete", "adopted-0.3.0"));
        assertThat(LifecycleFixture.history(hr)).containsExactly("2:deployed:upgrade");
        assertThat(listed("adopted").getRevision()).isEqualTo("2");
        assertThat(listed("adopted").getAppVersion()).isEqualTo("1.1");
        assertThat(helm.values("adopted", NS, 2, false)).isEqualTo("message: one\n");

        // the objects stayed, the same objects, still owned by the release
        ConfigMap settings = configMapNamed("adopted-settings");
        assertThat(settings.getMetadata().getUid()).isEqualTo(configMapUid);
        assertThat(settings.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "adopted")
                .containsEntry("meta.helm.sh/release-namespace", NS);
        assertThat(settings.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(fx.client.services().inNamespace(NS).withName("adopted").get().getMetadata().getUid()).isEqualTo(serviceUid);

        // Helm's revision 1 is only superseded: every field Helm wrote is still there as Helm wrote it
        JsonNode superseded = withoutNulls(stored("adopted", 1));
        ObjectNode expected = (ObjectNode) withoutNulls(byHelm);
        ((ObjectNode) expected.get("info")).put("status", "superseded");
        assertThat(superseded).isEqualTo(expected);
        assertThat(labels("adopted", 1)).containsEntry("status", "superseded").containsEntry("owner", "helm")
                .containsEntry("team", "shop").containsKey("modifiedAt").doesNotContainKey("createdAt");
        assertThat(labels("adopted", 2).keySet()).isEqualTo(helmLabels);

        // for the same chart and values, Tributary's revision 2 stores what Helm's install stored, post-rendered (as by
        // helm-controller) with the origin labels: the same templates in the same order, the same objects but those labels
        JsonNode byTributary = stored("adopted", 2);
        List<io.tributary.release.chart.RenderedDocument> ours = io.tributary.release.chart.ManifestDocuments.split(
                byTributary.path("manifest").asText());
        List<io.tributary.release.chart.RenderedDocument> helms = io.tributary.release.chart.ManifestDocuments.split(
                byHelm.path("manifest").asText());
        assertThat(ours).extracting(io.tributary.release.chart.RenderedDocument::path)
                .isEqualTo(helms.stream().map(io.tributary.release.chart.RenderedDocument::path).toList());
        for (int i = 0; i < helms.size(); i++) {
            ObjectNode expectedObject = JSON.valueToTree(helms.get(i).object());
            ObjectNode metadata = (ObjectNode) expectedObject.get("metadata");
            ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
            labels.put("helm.toolkit.fluxcd.io/name", "adopted").put("helm.toolkit.fluxcd.io/namespace", NS);
            assertThat((JsonNode) JSON.valueToTree(ours.get(i).object())).isEqualTo(expectedObject);
        }
        assertThat(byTributary.path("config")).isEqualTo(byHelm.path("config"));
        assertThat(withoutNulls(byTributary.path("chart").path("metadata"))).isEqualTo(withoutNulls(byHelm.path("chart").path("metadata")));
        assertThat(byTributary.path("chart").path("templates")).isEqualTo(byHelm.path("chart").path("templates"));
        assertThat(byTributary.path("chart").path("values")).isEqualTo(byHelm.path("chart").path("values"));
        assertThat(byTributary.path("chart").path("schema")).isEqualTo(byHelm.path("chart").path("schema"));
        assertThat(byTributary.path("chart").path("files")).isEqualTo(byHelm.path("chart").path("files"));
        assertThat(byTributary.path("info").path("first_deployed")).isEqualTo(byHelm.path("info").path("first_deployed"));
        // and no field Helm leaves out (Go's omitempty) or would not know; apply_method is Helm 4's, which Helm 3 ignores.
        // Helm 3 wrote none, so the upgrade's "auto" applied client-side, as Helm 4 upgrades such a release
        assertThat(byTributary.path("apply_method").asText()).isEqualTo("csa");
        assertThat(fieldNames(byTributary).stream().filter(f -> !f.equals("apply_method")).toList()).isEqualTo(fieldNames(byHelm));
        // Helm 3 writes "deleted": "" for a release never deleted, Helm 4 leaves it out (its omitzero), as Tributary does
        assertThat(byHelm.path("info").path("deleted").asText("absent")).isEmpty();
        assertThat(fieldNames(byTributary.path("info"))).isEqualTo(fieldNames(byHelm.path("info")).stream()
                .filter(f -> !f.equals("deleted")).toList());
        assertThat(fieldNames(byTributary.path("chart"))).isEqualTo(fieldNames(byHelm.path("chart")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        withoutNulls(node).fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
