package io.tributary.artifact;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.artifact.packaging.EntryOrder;
import io.tributary.artifact.packaging.InvalidArchiveException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sequences of normalised names: a trailing "/" marks a directory, an "@" prefix a dropped symlink, the rest are files. */
class EntryOrderTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of((Object) new String[] {"a", "b", "c"}),
                Arguments.of((Object) new String[] {"a/", "a/b", "a/c/", "a/c/d"}),
                Arguments.of((Object) new String[] {"a", "a-b", "a.c", "ab/", "ab/x"}),
                Arguments.of((Object) new String[] {"a-", "a-b/", "a-b/c", "a/", "a/b"}),
                Arguments.of((Object) new String[] {"@a", "b"}),
                Arguments.of((Object) new String[] {"@link", "link/", "link/x"}),
                Arguments.of((Object) new String[] {"chart/", "chart/Chart.yaml", "chart/templates/", "chart/templates/a.yaml", "chart/values.yaml"}));
    }

    @ParameterizedTest
    @MethodSource
    void accepted(String[] names) {
        assertThatCode(() -> feed(names)).doesNotThrowAnyException();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(new String[] {"a", "a"}, "duplicate entry 'a'"),
                Arguments.of(new String[] {"d/", "d/"}, "duplicate entry 'd/'"),
                Arguments.of(new String[] {"b", "a"}, "strictly increasing lexical order: 'a' after 'b'"),
                Arguments.of(new String[] {"a", "a/"}, "entry 'a/' lies below 'a', which is a regular file"),
                Arguments.of(new String[] {"a", "a/b"}, "entry 'a/b' lies below 'a'"),
                Arguments.of(new String[] {"a", "a-b", "a.c/", "a/b"}, "entry 'a/b' lies below 'a'"),
                Arguments.of(new String[] {"x/a", "x/a-", "x/a/b"}, "entry 'x/a/b' lies below 'x/a'"),
                Arguments.of(new String[] {"@s", "@s"}, "duplicate entry 's'"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String[] names, String message) {
        assertThatThrownBy(() -> feed(names)).isInstanceOf(InvalidArchiveException.class).hasMessageContaining(message);
    }

    private static void feed(String[] names) throws InvalidArchiveException {
        EntryOrder order = new EntryOrder();
        for (String name : names) {
            boolean symlink = name.startsWith("@");
            String clean = symlink ? name.substring(1) : name;
            order.accept(clean, !symlink && !clean.endsWith("/"));
        }
    }
}
