package io.tributary.fetcher.bench;

import io.tributary.fetcher.source.git.IgnoreRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.junit.jupiter.api.Test;

/**
 * Ignore decisions per second (run with {@code -Pbench}; prints figures, asserts nothing) over a generated
 * 100,000-path monorepo tree: apps with charts and sources, vendored and node_modules trees, docs, CI files, a
 * {@code .git} directory. Rules: a root {@code .sourceignore} of typical lines, three scoped {@code .sourceignore} files
 * and a {@code spec.ignore}; also Flux's defaults alone (no patterns), and, for scale, the same rules through JGit's
 * {@code FastIgnoreRule} with the same last-match-wins loop (the matcher used before, not Flux's semantics).
 */
class IgnoreBench {

    private static final int PATHS = Integer.getInteger("bench.paths", 100_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);

    private static final String ROOT_IGNORE = """
            # build output and editors
            *.swp
            *.bak
            **/.DS_Store
            node_modules/
            vendor/
            /dist/
            # docs stay out, except each README
            docs/
            *.md
            !README.md
            # tests and fixtures
            **/testdata/
            **/*_test.go
            /hack/**
            !/hack/verify.sh
            # secrets and state
            **/secrets/*.enc.yaml
            terraform/**/.terraform/
            *.tfstate
            .github/
            *.tar.gz
            *.png
            """;

    record Entry(String path, boolean directory) {
    }

    @Test
    void decisionsPerSecond() {
        List<Entry> tree = tree(new Random(7), PATHS);
        long files = tree.stream().filter(e -> !e.directory()).count();
        List<IgnoreRules.Scoped> scoped = new ArrayList<>();
        IgnoreRules.lines(ROOT_IGNORE).forEach(l -> scoped.add(new IgnoreRules.Scoped("", l)));
        scoped.add(new IgnoreRules.Scoped("apps/app-3", "*.log"));
        scoped.add(new IgnoreRules.Scoped("apps/app-3", "!keep.log"));
        scoped.add(new IgnoreRules.Scoped("apps/app-7/charts", "templates/tests/"));
        scoped.add(new IgnoreRules.Scoped("infra", "**/*.auto.tfvars"));
        scoped.add(new IgnoreRules.Scoped("", "/apps/*/scratch/"));
        scoped.add(new IgnoreRules.Scoped("", "!apps/app-1/vendor/keep/**"));
        IgnoreRules realistic = IgnoreRules.scoped(scoped);
        IgnoreRules defaults = IgnoreRules.of(List.of());
        BiPredicate<String, Boolean> jgit = jgit(scoped);

        System.out.printf("ignore bench: %,d paths (%,d files, %,d directories), %d rule lines%n", tree.size(), files,
                tree.size() - files, scoped.stream().filter(s -> !s.pattern().isBlank() && !s.pattern().startsWith("#")).count());
        run("realistic rules (Flux v1.9 semantics)", tree, realistic::excluded);
        run("Flux default excludes only", tree, defaults::excluded);
        run("same rules via JGit FastIgnoreRule", tree, jgit);
    }

    private static void run(String name, List<Entry> tree, BiPredicate<String, Boolean> excluded) {
        int kept = 0;
        for (int warm = 0; warm < 3; warm++) {
            kept = decide(tree, excluded);
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            decide(tree, excluded);
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            total += took;
        }
        double mean = total / (double) ROUNDS;
        System.out.printf("  %-40s %,12.0f decisions/s (best round %,.0f/s), %6.0f ns/decision, %,d excluded%n", name,
                tree.size() / (mean / 1e9), tree.size() / (best / 1e9), mean / tree.size(), tree.size() - kept);
    }

    private static int decide(List<Entry> tree, BiPredicate<String, Boolean> excluded) {
        int kept = 0;
        for (Entry e : tree) {
            if (!excluded.test(e.path(), e.directory())) {
                kept++;
            }
        }
        return kept;
    }

    /** The previous matcher: JGit rules with a domain prefix check, the last match deciding. */
    private static BiPredicate<String, Boolean> jgit(List<IgnoreRules.Scoped> scoped) {
        record Rule(String domain, FastIgnoreRule rule) {
        }
        List<Rule> rules = new ArrayList<>();
        for (String vcs : List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes")) {
            rules.add(new Rule("", new FastIgnoreRule(vcs)));
        }
        scoped.stream().filter(s -> !s.pattern().isBlank() && !s.pattern().startsWith("#"))
                .forEach(s -> rules.add(new Rule(s.domain(), new FastIgnoreRule(s.pattern().strip()))));
        return (path, directory) -> {
            boolean result = false;
            for (Rule rule : rules) {
                String relative;
                if (rule.domain().isEmpty()) {
                    relative = path;
                } else if (path.startsWith(rule.domain() + "/")) {
                    relative = path.substring(rule.domain().length() + 1);
                } else {
                    continue;
                }
                if (rule.rule().isMatch(relative, directory)) {
                    result = rule.rule().getResult();
                }
            }
            return result;
        };
    }

    /** A monorepo-shaped tree of about {@code size} entries, directories listed before what they hold. */
    private static List<Entry> tree(Random random, int size) {
        List<Entry> tree = new ArrayList<>();
        String[] top = {"apps", "infra", "docs", "hack", "vendor", "node_modules", ".git", ".github", "terraform", "dist"};
        String[] names = {"main.go", "util.go", "util_test.go", "README.md", "values.yaml", "Chart.yaml", "deploy.yaml",
            "notes.md", "logo.png", "data.json", "run.sh", "keep.log", "debug.log", "x.bak", "state.tfstate", "prod.enc.yaml",
            "verify.sh", "main.tf", "a.auto.tfvars", "index.js"};
        String[] subs = {"src", "pkg", "charts", "templates", "config", "lib", "internal", "base", "overlays", "modules", "cmd",
            "api", "tests", "testdata", "secrets", "scratch", "vendor", "keep", ".terraform"};
        int app = 0;
        while (tree.size() < size) {
            String root = random.nextInt(10) < 6 ? "apps" : top[1 + random.nextInt(top.length - 1)];
            String dir = root.equals("apps") ? "apps/app-" + app++ % 40 : root + "/part-" + random.nextInt(200);
            add(tree, dir, true);
            fill(random, tree, dir, names, subs, 0, size);
        }
        return tree.subList(0, size);
    }

    private static void fill(Random random, List<Entry> tree, String dir, String[] names, String[] subs, int depth, int size) {
        for (int i = 0; i < 3 + random.nextInt(6) && tree.size() < size; i++) {
            add(tree, dir + "/" + (random.nextInt(4) == 0 ? "v" + i + "-" : "") + names[random.nextInt(names.length)], false);
        }
        if (depth < 4) {
            for (int i = 0; i < 1 + random.nextInt(3) && tree.size() < size; i++) {
                // most directories are ordinary; one in ten is a kind the rules leave out
                String sub = dir + "/" + (random.nextInt(10) < 9 ? subs[random.nextInt(12)] : subs[12 + random.nextInt(subs.length - 12)]);
                add(tree, sub, true);
                fill(random, tree, sub, names, subs, depth + 1, size);
            }
        }
    }

    private static void add(List<Entry> tree, String path, boolean directory) {
        tree.add(new Entry(path, directory));
    }
}
