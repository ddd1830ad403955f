package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed CRDs under k8s/crds must be exactly what the model classes generate. */
class CrdDriftTest {

    @Test
    void committedCrdsMatchTheGeneratedOnes() throws IOException {
        Path generated = Path.of(System.getProperty("tributary.crds.generated"));
        Path committed = Path.of(System.getProperty("tributary.crds.dir"));
        try (Stream<Path> files = Files.list(generated)) {
            var names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(CrdGeneration.RESOURCES.size());
            for (String name : names) {
                Path copy = committed.resolve(name);
                assertThat(copy).as("committed CRD %s (regenerate with -Dtributary.crds.write=true)", name).exists();
                assertThat(Files.readString(copy))
                        .as("k8s/crds/%s is out of date: regenerate with ./mvnw -pl api process-test-classes -Dtributary.crds.write=true", name)
                        .isEqualTo(Files.readString(generated.resolve(name)));
            }
        }
    }

    @Test
    void committedCrdsCarryTheGeneratedMarker() throws IOException {
        Path committed = Path.of(System.getProperty("tributary.crds.dir"));
        try (Stream<Path> files = Files.list(committed)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).startsWith(CrdGeneration.HEADER);
            }
        }
    }
}
