package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.artifact.storage.ArtifactKey;
import io.tributary.artifact.storage.ArtifactStore.Stored;
import io.tributary.artifact.storage.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static Stored stored(String file, Duration age) {
        return new Stored(new ArtifactKey("gitrepository", "default", "app", file), "sha256:x", 1, NOW.minus(age));
    }

    @Test
    void keepsTheNewestRecordsAndAnythingYoungerThanTheTtl() {
        List<Stored> newestFirst = List.of(stored("d.tar.gz", Duration.ofSeconds(1)), stored("c.tar.gz", Duration.ofMinutes(2)),
                stored("b.tar.gz", Duration.ofSeconds(30)), stored("a.tar.gz", Duration.ofHours(1)));
        var expired = new RetentionPolicy(2, Duration.ofMinutes(1)).expired(newestFirst, newestFirst.get(0).key(), NOW);
        assertThat(expired).extracting(s -> s.key().file()).containsExactly("a.tar.gz");
    }

    @Test
    void neverExpiresTheCurrentArtifact() {
        List<Stored> newestFirst = List.of(stored("new.tar.gz", Duration.ofHours(2)), stored("current.tar.gz", Duration.ofHours(3)));
        var expired = new RetentionPolicy(0, Duration.ZERO).expired(newestFirst, newestFirst.get(1).key(), NOW);
        assertThat(expired).extracting(s -> s.key().file()).containsExactly("new.tar.gz");
    }
}
