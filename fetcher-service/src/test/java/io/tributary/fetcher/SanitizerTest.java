package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.fetcher.status.Sanitizer;
import org.junit.jupiter.api.Test;

class SanitizerTest {

    @Test
    void stripsUserInfoAndQueryStrings() {
        String message = "https://user:s3cret@git.example.com/org/repo.git?token=abc: not authorized";
        String clean = Sanitizer.sanitize(message);
        assertThat(clean).startsWith("https://git.example.com/org/repo.git").endsWith("not authorized");
        assertThat(clean).doesNotContain("s3cret").doesNotContain("abc");
    }

    @Test
    void leavesPlainTextAlone() {
        assertThat(Sanitizer.sanitize("remote has no ref 'refs/heads/x'")).isEqualTo("remote has no ref 'refs/heads/x'");
        assertThat(Sanitizer.sanitize(null)).isNull();
    }
}
