package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.git.IgnoreRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random trees and rule sets ({@link GeneratedIgnoreCase.Grammar#AGREEING}, which leaves out what Flux and git are
 * known to read differently), our selection against {@code git check-ignore --no-index} over the same tree with each
 * {@code .sourceignore} written as a {@code .gitignore} and {@code spec.ignore} appended to the root one. Seeded: case
 * {@code i} uses seed {@code ignore.seed + i} (system properties {@code ignore.seed}, {@code ignore.cases}).
 *
 * <p>One known difference is set aside per path, not avoided by the grammar: when the rules hold a negation and git
 * reports an ancestor directory of a file ignored, git never looks at the file (a file below an excluded directory
 * cannot be re-included), while Flux tests every path and may keep it. Those files are counted, not compared.
 * Directories are always compared: the grammar's negations match only files.
 */
class IgnoreGitPropertyTest {

    private static final long SEED = Long.getLong("ignore.seed", 20_261_201L);
    private static final int CASES = Integer.getInteger("ignore.cases", 300);

    @TempDir
    Path temp;

    @Test
    void selectionAgreesWithGitCheckIgnore() throws Exception {
        assumeTrue(gitAvailable(), "needs the git command line, which runs the reference matcher");
        int compared = 0;
        int setAside = 0;
        int excluded = 0;
        for (int i = 0; i < CASES; i++) {
            GeneratedIgnoreCase c = GeneratedIgnoreCase.generate(SEED + i, GeneratedIgnoreCase.Grammar.AGREEING);
            Path flux = Files.createDirectories(temp.resolve(i + "-flux"));
            Path git = Files.createDirectories(temp.resolve(i + "-git"));
            c.write(flux, IgnoreRules.SOURCE_IGNORE);
            gitTree(c, git);

            Set<String> kept = new HashSet<>(TreeTar.entries(flux, IgnoreRules.read(flux, c.specIgnore)::excluded, TreeTar.Walk.TEST_EVERY_PATH));
            Map<String, Boolean> ignored = checkIgnore(git, c.paths);
            for (String path : c.paths) {
                if (!path.endsWith("/") && c.hasNegation() && ancestorIgnored(path, ignored)) {
                    setAside++;
                    continue;
                }
                boolean ours = !kept.contains(path);
                assertThat(ours).as("%s excluded (git says %s) in %s", path, ignored.get(path), c).isEqualTo(ignored.get(path));
                compared++;
                excluded += ours ? 1 : 0;
            }
        }
        System.out.printf("ignore property: %d cases from seed %d, %d paths compared (%d excluded), %d set aside%n",
                CASES, SEED, compared, excluded, setAside);
        assertThat(compared).isGreaterThan(CASES * 5);
        assertThat(excluded).isGreaterThan(compared / 10);
    }

    private static boolean ancestorIgnored(String path, Map<String, Boolean> ignored) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/', slash - 1)) {
            if (Boolean.TRUE.equals(ignored.get(p.substring(0, slash + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static void gitTree(GeneratedIgnoreCase c, Path git) throws IOException, InterruptedException {
        run(git, List.of("git", "init", "-q"), null);
        Files.writeString(git.resolve(".git/info/exclude"), "");
        c.write(git, ".gitignore");
        if (c.specIgnore != null) {
            Path root = git.resolve(".gitignore");
            String before = Files.exists(root) ? Files.readString(root) : "";
            Files.writeString(root, before + c.specIgnore);
        }
    }

    /** Whether git ignores each path (directories keep their trailing slash as keys). */
    private static Map<String, Boolean> checkIgnore(Path git, List<String> paths) throws IOException, InterruptedException {
        StringBuilder input = new StringBuilder();
        for (String path : paths) {
            input.append(path.endsWith("/") ? path.substring(0, path.length() - 1) : path).append('\0');
        }
        String out = run(git, List.of("git", "check-ignore", "--no-index", "-v", "-n", "-z", "--stdin"), input.toString());
        String[] fields = out.split("\0", -1);
        Map<String, Boolean> ignored = new HashMap<>();
        List<String> queue = new ArrayList<>(paths);
        for (int f = 0; f + 3 < fields.length; f += 4) {
            String pattern = fields[f + 2];
            String path = queue.remove(0);
            assertThat(fields[f + 3]).isEqualTo(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
            ignored.put(path, !pattern.isEmpty() && !pattern.startsWith("!"));
        }
        assertThat(queue).as("paths git did not answer for").isEmpty();
        return ignored;
    }

    private static String run(Path dir, List<String> command, String input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve(".xdg").toString());
        Process process = builder.start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // check-ignore exits 1 when nothing is ignored
        assertThat(process.exitValue()).as("%s: %s", command, err).isIn(0, 1);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
