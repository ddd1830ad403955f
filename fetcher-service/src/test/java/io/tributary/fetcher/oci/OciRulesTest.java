package io.tributary.fetcher.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.source.OCIRepositoryRef;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryVerification;
import io.tributary.api.source.OciVerification;
import io.tributary.fetcher.source.oci.DockerConfig;
import io.tributary.fetcher.source.oci.OciManifest;
import io.tributary.fetcher.source.oci.OciRef;
import io.tributary.fetcher.source.oci.OciSpec;
import io.tributary.fetcher.source.oci.OciUrl;
import io.tributary.fetcher.source.oci.WwwAuthenticate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of an OCIRepository fetch. The rows of TestOCIRepository_getArtifactRef (its tags, reference
 * precedence and semver/semverFilter rows) and TestOCIRepository_invalidURL are ported from fluxcd/source-controller
 * (internal/controller/ocirepository_controller_test.go, commit 39b711b1, v1.9 line); the other rows are our own.
 * Flux's getArtifactRef rows compare go-containerregistry reference strings; here the same cases compare our
 * {@link OciRef} values.
 */
class OciRulesTest {

    static OCIRepositoryRef ref(String tag, String semver, String filter, String digest) {
        OCIRepositoryRef ref = new OCIRepositoryRef();
        ref.tag = tag;
        ref.semver = semver;
        ref.semverFilter = filter;
        ref.digest = digest;
        return ref;
    }

    static final String D = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "oci://ghcr.io/stefanprodan/manifests/podinfo | ghcr.io | stefanprodan/manifests/podinfo",
        "oci://127.0.0.1:5000/owner/repo            | 127.0.0.1:5000 | owner/repo",
        "oci://localhost/repo                       | localhost | repo",
        "oci://registry.example.com/a_b/c-d.e       | registry.example.com | a_b/c-d.e",
    })
    void urlsThatParse(String url, String registry, String repository) {
        assertThat(OciUrl.parse(url)).isEqualTo(new OciUrl(registry, repository));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://ghcr.io/owner/repo            | URL must be in format 'oci://<domain>/<org>/<repo>'",
        "ghcr.io/owner/repo                    | URL must be in format 'oci://<domain>/<org>/<repo>'",
        "oci://ghcr.io                         | URL must be in format 'oci://<domain>/<org>/<repo>'",
        "oci://ghcr.io/stefanprodan/podinfo:v1 | URL must not contain a tag; remove ':v1'",
        "oci://ghcr.io/owner/Repo              | is not a valid OCI repository name",
        "oci://user:pw@ghcr.io/owner/repo      | must not contain credentials",
        "oci://ghcr.io/owner//repo             | is not a valid OCI repository name",
        "oci://ghcr.io/test/test:v1            | URL must not contain a tag; remove ':v1'",
    })
    void urlsThatAreRefused(String url, String message) {
        assertThatThrownBy(() -> OciUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.url: ").hasMessageContaining(message);
    }

    // getArtifactRef: digest > semver > tag > latest
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "no reference     | -    | -       | - | -  | Tag[tag=latest]",
        "tag              | 6.1.4 | -      | - | -  | Tag[tag=6.1.4]",
        "semver over tag  | 6.1.4 | >=6.1.5 | - | -  | semver >=6.1.5",
        "digest over all  | 6.1.4 | >=6.1.5 | - | D  | digest",
        "empty strings    | ''   | ''      | - | '' | Tag[tag=latest]",
    })
    void precedence(String name, String tag, String semver, String filter, String digest, String expected) {
        OciRef ref = OciRef.of(ref(tag, semver, filter, "D".equals(digest) ? D : digest));
        switch (expected) {
            case "digest" -> assertThat(ref).isEqualTo(new OciRef.Digest(D));
            case "semver >=6.1.5" -> assertThat(ref).isInstanceOfSatisfying(OciRef.Semver.class, s -> assertThat(s.range()).isEqualTo(">=6.1.5"));
            default -> assertThat(ref).hasToString(expected);
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "- | - | - | sha256:abc | spec.ref.digest: 'sha256:abc' is not a sha256:<64 hex> digest",
        "- | >=abc | - | - | spec.ref.semver: semver '>=abc' parse error",
        "- | >=1.0.0 | [ | - | spec.ref.semverFilter: '[' is not a regular expression",
        "-bad | - | - | - | spec.ref.tag: '-bad' is not a valid OCI tag",
    })
    void badReferences(String tag, String semver, String filter, String digest, String message) {
        assertThatThrownBy(() -> OciRef.of(ref(tag, semver, filter, digest))).hasMessageStartingWith(message);
    }

    // TestOCIRepository_getArtifactRef's tags and semver rows
    static final List<String> FLUX_TAGS = List.of("6.1.4", "6.1.5-beta.1", "6.1.5-rc.1", "6.1.5", "6.1.6-rc.1", "6.1.6",
            "6.2.1_ref.1234567", "6.2.1");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "~6.1.x      | -       | -                                                    | 6.1.6",
        ">= 6.1.x-0  | .*-rc.* | -                                                    | 6.1.6-rc.1",
        ">= 6.2.0    | -       | application/vnd.cncf.helm.chart.content.v1.tar+gzip | 6.2.1",
        // our own rows
        ">=6.1.4 <6.1.6 | -    | -                                                    | 6.1.5",
        ">=6.0.0     | ^6\\.1\\.[0-4]$ | -                                           | 6.1.4",
    })
    void semverSelection(String range, String filter, String mediaType, String expected) {
        OciRef.Semver semver = (OciRef.Semver) OciRef.of(ref(null, range, filter, null));
        String picked = OciRef.pick(semver, FLUX_TAGS, mediaType);
        if (expected.equals("6.2.1")) {
            // build metadata has no order: Flux accepts either of the two equally new tags
            assertThat(picked).isIn("6.2.1", "6.2.1_ref.1234567");
        } else {
            assertThat(picked).isEqualTo(expected);
        }
    }

    @Test
    void semverWithoutMatchNamesTheRange() {
        OciRef.Semver semver = (OciRef.Semver) OciRef.of(ref(null, ">= 6.1.x-0", ".*-alpha.*", null));
        assertThatThrownBy(() -> OciRef.pick(semver, FLUX_TAGS, "")).hasMessage("no match found for semver: >= 6.1.x-0");
    }

    @Test
    void helmChartTagsMapUnderscoreToPlus() {
        OciRef.Semver semver = (OciRef.Semver) OciRef.of(ref(null, ">=1.0.0", null, null));
        assertThat(OciRef.pick(semver, List.of("1.0.0", "1.0.1_build.2", "0.9.0"), OciRef.HELM_CHART_LAYER)).isEqualTo("1.0.1_build.2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tag    | v1@sha256:abc",
        "digest | sha256:abc",
    })
    void revisions(String kind, String expected) {
        OciRef ref = kind.equals("tag") ? new OciRef.Tag("v1") : new OciRef.Digest("sha256:abc");
        assertThat(OciRef.revision(ref, "v1", "sha256:abc")).isEqualTo(expected);
    }

    @Test
    void challengesAreRead() {
        WwwAuthenticate bearer = WwwAuthenticate.parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull\"");
        assertThat(bearer.scheme()).isEqualTo("bearer");
        assertThat(bearer.parameters()).containsEntry("realm", "https://auth.example.com/token")
                .containsEntry("service", "registry.example.com").containsEntry("scope", "repository:a/b:pull");
        assertThat(WwwAuthenticate.parse("Basic realm=\"tributary\"").scheme()).isEqualTo("basic");
        assertThat(WwwAuthenticate.parse("  ")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"auths\":{\"reg.io:5000\":{\"username\":\"u\",\"password\":\"p\"}}}          | u | p",
        "{\"auths\":{\"https://reg.io:5000/v1/\":{\"auth\":\"dTpwOnE=\"}}}             | u | p:q",
        "{\"auths\":{\"other.io\":{\"username\":\"u\",\"password\":\"p\"}}}             | - | -",
    })
    void dockerConfigs(String json, String user, String password) {
        DockerConfig.Credentials credentials = DockerConfig.credentials(json, "reg.io:5000");
        if (user.equals("-")) {
            assertThat(credentials).isNull();
        } else {
            assertThat(credentials).isEqualTo(new DockerConfig.Credentials(user, password));
            assertThat(credentials.toString()).doesNotContain(password);
        }
    }

    @Test
    void manifestsAndLayerSelection() {
        String d1 = "sha256:" + "1".repeat(64);
        String d2 = "sha256:" + "2".repeat(64);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"annotations\":{\"org.opencontainers.image.revision\":\"main@sha1:x\"},"
                + "\"layers\":[{\"mediaType\":\"a\",\"digest\":\"" + d1 + "\",\"size\":1},{\"mediaType\":\"b\",\"digest\":\"" + d2 + "\",\"size\":2}]}";
        OciManifest manifest = OciManifest.parse(json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(manifest.select("").digest()).as("default: the first layer").isEqualTo(d1);
        assertThat(manifest.select("b").digest()).isEqualTo(d2);
        assertThat(manifest.annotations()).isEqualTo(Map.of("org.opencontainers.image.revision", "main@sha1:x"));
        assertThatThrownBy(() -> manifest.select("c")).hasMessage("failed to find layer with media type 'c' in artifact");
        OciManifest empty = OciManifest.parse("{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8),
                "application/vnd.docker.distribution.manifest.v2+json");
        assertThatThrownBy(() -> empty.select("")).hasMessage("no layers found in artifact");
        assertThatThrownBy(() -> OciManifest.parse("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8), "application/vnd.docker.distribution.manifest.v1+prettyjws"))
                .hasMessage("unsupported manifest media type 'application/vnd.docker.distribution.manifest.v1+prettyjws'");
        assertThatThrownBy(() -> OciManifest.parse(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[{\"digest\":\"md5:x\",\"size\":1}]}")
                .getBytes(StandardCharsets.UTF_8), null)).hasMessageContaining("layers[0]: digest 'md5:x'");
    }

    static OCIRepositorySpec valid() {
        OCIRepositorySpec spec = new OCIRepositorySpec();
        spec.url = "oci://ghcr.io/owner/repo";
        spec.interval = "5m";
        return spec;
    }

    @Test
    void specChecksNameTheField() {
        assertThat(OciSpec.check(valid())).hasMinutes(5);
        OCIRepositorySpec aws = valid();
        aws.provider = OCIRepositorySpec.Provider.AWS;
        assertThatThrownBy(() -> OciSpec.check(aws)).hasMessageStartingWith("spec.provider: 'aws' is not supported");
        OCIRepositorySpec gcp = valid();
        gcp.provider = OCIRepositorySpec.Provider.GCP;
        assertThatThrownBy(() -> OciSpec.check(gcp)).hasMessageStartingWith("spec.provider: 'gcp'");
        OCIRepositorySpec verify = valid();
        verify.verify = new OCIRepositoryVerification();
        verify.verify.provider = OciVerification.Provider.COSIGN;
        assertThat(OciSpec.check(verify)).as("spec.verify is checked when the fetch verifies").hasMinutes(5);
        OCIRepositorySpec interval = valid();
        interval.interval = "soon";
        assertThatThrownBy(() -> OciSpec.check(interval)).hasMessageStartingWith("spec.interval");
        OCIRepositorySpec scheme = valid();
        scheme.url = "http://ghcr.io/owner/repo";
        assertThatThrownBy(() -> OciSpec.check(scheme)).hasMessageStartingWith("spec.url:");
        OCIRepositorySpec semver = valid();
        semver.ref = ref(null, "not-a-range!", null, null);
        assertThatThrownBy(() -> OciSpec.check(semver)).hasMessageStartingWith("spec.ref.semver:");
    }
}
