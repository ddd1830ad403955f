package io.tributary.fetcher.bench;

import io.tributary.api.source.GitRepositoryRef;
import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.git.GitAuth;
import io.tributary.fetcher.source.git.GitCheckoutPlan;
import io.tributary.fetcher.source.git.GitCloner;
import io.tributary.fetcher.source.git.GitTransport;
import io.tributary.fetcher.source.git.IgnoreRules;
import io.tributary.testsupport.GitServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitRepository fetch benchmark (run with {@code -Pbench}; prints figures, asserts nothing). On one generated repository
 * (5,000 files, ~50 MB) it compares Tributary's fetch + package (depth-1 fetch, checkout, ignore rules, sorted tar,
 * gzip, sha256) with {@code git clone --depth 1} + {@code tar --sort=name ... -czf}, and the no-change reconcile
 * (listing remote refs) with a full fetch.
 */
class GitFetchBench {

    private static final int FILES = Integer.getInteger("bench.files", 5_000);
    private static final int FILE_BYTES = Integer.getInteger("bench.file-bytes", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    @TempDir
    Path dir;

    @Test
    void fetchAndPackage() throws Exception {
        try (GitServer server = GitServer.start(dir.resolve("server"))) {
            Git repo = server.createRepository("bench");
            Path work = repo.getRepository().getWorkTree().toPath();
            Random random = new Random(42);
            long total = 0;
            for (int i = 0; i < FILES; i++) {
                byte[] bytes = new byte[FILE_BYTES * 3 / 4];
                random.nextBytes(bytes);
                Path file = work.resolve("dir-" + (i % 50) + "/sub-" + (i % 7) + "/file-" + i + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getMimeEncoder().encodeToString(bytes));
                total += Files.size(file);
            }
            repo.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("bench", "bench@tributary.io");
            repo.commit().setMessage("bench").setAuthor(who).setCommitter(who).setSign(false).call();
            String url = server.url("bench");
            System.out.printf("%nGitRepository fetch benchmark: %d files, %.1f MB of content, %d runs each (median)%n", FILES, total / 1e6, RUNS);

            GitRepositoryRef ref = new GitRepositoryRef();
            ref.branch = "main";
            GitCheckoutPlan plan = GitCheckoutPlan.of(ref);
            GitCloner cloner = new GitCloner();
            int[] run = {0};
            Callable<String> tributary = () -> {
                Path tree = dir.resolve("tributary-" + run[0]++);
                try (GitTransport transport = new GitTransport(GitAuth.NONE, dir.resolve("home"))) {
                    cloner.checkout(url, plan, transport, Duration.ofMinutes(5), tree, GitCloner.Options.DEFAULT);
                }
                IgnoreRules ignore = IgnoreRules.read(tree, null);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(
                        Files.newOutputStream(dir.resolve("tributary-" + run[0] + ".tar.gz")), sha), 65536)) {
                    TreeTar.write(tree, "", ignore::excluded, TreeTar.Walk.TEST_EVERY_PATH, out);
                }
                delete(tree);
                return HexFormat.of().formatHex(sha.digest());
            };
            Callable<String> gitCli = () -> {
                Path clone = dir.resolve("cli-" + run[0]++);
                exec(dir, "git", "clone", "--quiet", "--depth", "1", "--branch", "main", url, clone.toString());
                exec(clone, "tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "--exclude=.git",
                        "-czf", dir.resolve("cli-" + run[0] + ".tar.gz").toString(), ".");
                delete(clone);
                return "";
            };
            Callable<String> noChange = () -> {
                try (GitTransport transport = new GitTransport(GitAuth.NONE, dir.resolve("home"))) {
                    return cloner.remoteRevision(url, plan, transport, Duration.ofMinutes(1));
                }
            };
            tributary.call(); // warm-up: JIT and the server's pack caches
            gitCli.call();
            double t = median(tributary);
            double g = median(gitCli);
            double n = median(noChange);
            System.out.printf("  %-58s %9.0f ms%n", "Tributary fetch + package (depth 1, tar, gzip, sha256)", t);
            System.out.printf("  %-58s %9.0f ms%n", "git clone --depth 1 + tar --sort=name --mtime=@0 -czf", g);
            System.out.printf("  %-58s %9.1f ms%n", "Tributary no-change reconcile (remote ref listing)", n);
            System.out.printf("  %-58s %9.0f ms  (%.0fx)%n%n", "Tributary full fetch, for comparison", t, t / Math.max(n, 0.001));
        }
    }

    private static double median(Callable<String> action) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            action.call();
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private static void exec(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void delete(Path tree) throws Exception {
        try (var walk = Files.walk(tree)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
