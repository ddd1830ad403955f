package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.StorageNames;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Storage keys: Kubernetes' name rules for namespace and name, and file names that leave room for the store's own files. */
class ArtifactKeyTest {

    /** The longest namespace (a DNS-1123 label) and name (a DNS-1123 subdomain) Kubernetes allows. */
    static final String NAMESPACE = "n" + "a".repeat(61) + "n";
    static final String NAME = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    /** The longest artifact file name: its digest sidecar ({@code .sha256} appended) is 255 bytes. */
    static final String FILE = "f".repeat(ArtifactKey.MAX_FILE - ".tgz".length()) + ".tgz";

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("gitrepository", "default", "app", "0123abcd.tar.gz"),
                Arguments.of("GitRepository", "default", "app", "0123abcd.tar.gz"),
                Arguments.of("helmchart", "flux-system", "podinfo.v2", "podinfo-6.5.0+abc.tgz"),
                Arguments.of("helmrepository", NAMESPACE, NAME, "index-" + "e".repeat(64) + ".yaml"),
                Arguments.of("bucket", NAMESPACE, NAME, FILE),
                Arguments.of("ocirepository", "a", "b", "latest.tar.gz"),
                Arguments.of("helmchart", "a", "b", "index.yaml"));
    }

    @ParameterizedTest
    @MethodSource
    void accepted(String kind, String namespace, String name, String file) {
        ArtifactKey key = new ArtifactKey(kind, namespace, name, file);
        assertThat(key.path()).isEqualTo(kind.toLowerCase() + "/" + namespace + "/" + name + "/" + file);
        assertThat(StorageNames.digestSidecar(key.file()).length()).isLessThanOrEqualTo(255);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("secret", "default", "app", "f.tar.gz", "kind: must be one of bucket, gitrepository, helmchart, helmrepository, ocirepository"),
                Arguments.of("", "default", "app", "f.tar.gz", "kind:"),
                Arguments.of(null, "default", "app", "f.tar.gz", "kind:"),
                Arguments.of("gitrepository", NAMESPACE + "x", "app", "f.tar.gz", "namespace: must be at most 63 characters, got 64"),
                Arguments.of("gitrepository", "a.b", "app", "f.tar.gz", "namespace: invalid value 'a.b'"),
                Arguments.of("gitrepository", "-a", "app", "f.tar.gz", "namespace: invalid value"),
                Arguments.of("gitrepository", "default", NAME + "x", "f.tar.gz", "name: must be at most 253 characters, got 254"),
                Arguments.of("gitrepository", "default", "Bad_Name", "f.tar.gz", "name: invalid value 'Bad_Name'"),
                Arguments.of("gitrepository", "default", "a..b", "f.tar.gz", "name: invalid value 'a..b'"),
                Arguments.of("gitrepository", "default", "a.-b", "f.tar.gz", "name: invalid value"),
                Arguments.of("gitrepository", "default", "..", "f.tar.gz", "name: invalid value '..'"),
                Arguments.of("gitrepository", "default", "", "f.tar.gz", "name: must not be empty"),
                Arguments.of("gitrepository", "default", "app", FILE + "x", "file: must be at most 248 characters, got 249"),
                Arguments.of("gitrepository", "default", "app", "../x", "file: invalid value '../x'"),
                Arguments.of("gitrepository", "default", "app", "a..b", "file: must not contain '..'"),
                Arguments.of("gitrepository", "default", "app", ".hidden", "file: invalid value '.hidden'"),
                Arguments.of("gitrepository", "default", "app", "a/b", "file: invalid value 'a/b'"),
                Arguments.of("gitrepository", "default", "app", "a\0b", "file: invalid value 'a?b'"),
                Arguments.of("gitrepository", "default", "app", "x.tar.gz.sha256", "file: names ending in '.sha256' are reserved"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String kind, String namespace, String name, String file, String message) {
        assertThatThrownBy(() -> new ArtifactKey(kind, namespace, name, file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
