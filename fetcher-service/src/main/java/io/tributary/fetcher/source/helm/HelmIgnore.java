package io.tributary.fetcher.source.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/** A chart's {@code .helmignore}: gitignore-syntax patterns relative to the chart directory; the last match wins. */
final class HelmIgnore {

    private final List<FastIgnoreRule> rules;

    private HelmIgnore(List<FastIgnoreRule> rules) {
        this.rules = rules;
    }

    static HelmIgnore read(Path chartDir) throws IOException {
        Path file = chartDir.resolve(".helmignore");
        if (!Files.isRegularFile(file)) {
            return new HelmIgnore(List.of());
        }
        return new HelmIgnore(Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(FastIgnoreRule::new).toList());
    }

    boolean excluded(String path, boolean directory) {
        boolean result = false;
        for (FastIgnoreRule rule : rules) {
            if (rule.isMatch(path, directory)) {
                result = rule.getResult();
            }
        }
        return result;
    }
}
