package io.tributary.release.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm-controller's {@code mutateChartWithSourceRevision} rules, the first rows from its
 * {@code Test_TryMutateChartWithSourceRevision} and {@code reconcileReleaseFromOCIRepositorySource} cases.
 */
class ChartRevisionTest {

    private static final String HEX = "9933f58f8bf459eb199d59ebc8a05683f3944e1242d9f5467d99aa2cf08a5370";

    static Stream<Arguments> tracked() {
        return Stream.of(
                // kind, revision, chart version, digest tracking, version released, digest reported
                Arguments.of("OCIRepository", "1.2.3@sha256:" + HEX, "1.2.3", true, "1.2.3+9933f58f8bf4", "sha256:" + HEX),
                Arguments.of("OCIRepository", "sha256:" + HEX, "1.2.3", true, "1.2.3+9933f58f8bf4", "sha256:" + HEX),
                // an OCI tag spells '+' as '_'; the tag's own metadata gives way to the digest
                Arguments.of("OCIRepository", "0.1.0_20241101123015@sha256:" + HEX, "0.1.0+20241101123015", true, "0.1.0+9933f58f8bf4",
                        "sha256:" + HEX),
                // a 'v' prefix is no part of the version compared, nor of the version written
                Arguments.of("OCIRepository", "v1.2.3@sha256:" + HEX, "1.2.3", true, "1.2.3+9933f58f8bf4", "sha256:" + HEX),
                Arguments.of("OCIRepository", "1.2.3@sha256:" + HEX, "v1.2.3", true, "1.2.3+9933f58f8bf4", "sha256:" + HEX),
                // a tag that is no version: the whole revision is the digest Flux reports
                Arguments.of("OCIRepository", "latest@sha256:" + HEX, "1.2.3-rc.1", true, "1.2.3-rc.1+9933f58f8bf4", "latest@sha256:" + HEX),
                // DisableChartDigestTracking: the digest is reported, the version kept
                Arguments.of("OCIRepository", "1.2.3@sha256:" + HEX, "1.2.3", false, "1.2.3", "sha256:" + HEX),
                Arguments.of("ExternalArtifact", "sha256:" + HEX, "2.0.0", true, "2.0.0+9933f58f8bf4", "sha256:" + HEX),
                Arguments.of("ExternalArtifact", "2.0.0@sha256:" + HEX, "2.0.0", true, "2.0.0+9933f58f8bf4", "sha256:" + HEX),
                // an ExternalArtifact revision without a digest, and a HelmChart, change nothing
                Arguments.of("ExternalArtifact", "2.0.0", "2.0.0", true, "2.0.0", ""),
                Arguments.of("HelmChart", "1.2.3", "1.2.3", true, "1.2.3", ""),
                Arguments.of("HelmChart", "1.2.3+abcdef123456", "1.2.3+abcdef123456", true, "1.2.3+abcdef123456", ""));
    }

    @ParameterizedTest
    @MethodSource("tracked")
    void tracksTheDigestInTheVersion(String kind, String revision, String chartVersion, boolean tracking, String version, String digest)
            throws Exception {
        assertThat(ChartRevision.track(kind, revision, chartVersion, tracking)).isEqualTo(new ChartRevision.Tracked(version, digest));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("1.2.4@sha256:" + HEX, "1.2.3", "artifact revision 1.2.4 does not match chart version 1.2.3"),
                Arguments.of("1.2.3@sha:123456", "sha:123456", "invalid chart version sha:123456"),
                Arguments.of("1.2.3@sha256:abc", "1.2.3", "invalid artifact revision sha256:abc"),
                Arguments.of("latest", "1.2.3", "invalid artifact revision latest"),
                Arguments.of("1.2.3@a@sha256:" + HEX, "1.2.3", "artifact revision 1.2.3 does not match chart version 1.2.3"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesARevisionThatDoesNotFitTheChart(String revision, String chartVersion, String message) {
        assertThatThrownBy(() -> ChartRevision.track("OCIRepository", revision, chartVersion, true))
                .isInstanceOf(ChartRevision.MismatchException.class).hasMessage(message);
    }

    static Stream<Arguments> digests() {
        return Stream.of(
                Arguments.of("1.2.3@sha256:" + HEX, "sha256:" + HEX),
                Arguments.of("sha256:" + HEX, "sha256:" + HEX),
                Arguments.of("a@b@sha256:" + HEX, ""));
    }

    @ParameterizedTest
    @MethodSource("digests")
    void extractsTheDigestOfARevision(String revision, String digest) {
        assertThat(ChartRevision.digestOf(revision)).isEqualTo(digest);
    }
}
