package io.tributary.semver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Semver selection benchmark (run with {@code -Pbench}; prints figures, asserts nothing): a repository of 10,000 tags
 * as a busy project accumulates them (releases with and without {@code v}, two-part tags, pre-releases, calendar
 * versions with leading zeros, and tags that are no version at all), and the three steps of a GitRepository
 * {@code spec.ref.semver} or HelmChart {@code spec.version} selection: parse every tag, check each against the
 * constraint, keep the highest.
 */
class SemverBench {

    private static final int TAGS = Integer.getInteger("bench.tags", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 7);
    private static final List<String> CONSTRAINTS = List.of(
            "*", ">=1.0.0 <2.0.0", "~4.2", "^3.x", "5.1.x", ">=6.0.0-0", "1.2.3 - 2.3.4, !=2.0.0", "<=1.1 || >=9", ">11");

    private static volatile Object sink;

    @Test
    void selectFromATenThousandTagRepository() {
        List<String> tags = tags(TAGS, new Random(42));
        List<Version> parsed = tags.stream().map(Version::tryParse).toList();
        List<Version> versions = parsed.stream().filter(v -> v != null).toList();
        long pre = versions.stream().filter(Version::isPrerelease).count();
        System.out.printf("%nSemver benchmark: %d tags (%d versions, %d of them pre-releases, %d not versions), median of %d runs%n",
                tags.size(), versions.size(), pre, tags.size() - versions.size(), RUNS);

        report("parse (Version.tryParse, every tag)", tags.size(), "tags", () -> {
            int n = 0;
            for (String tag : tags) {
                n += Version.tryParse(tag) == null ? 0 : 1;
            }
            return n;
        });
        report("parse constraints (all " + CONSTRAINTS.size() + ")", CONSTRAINTS.size(), "constraints", () -> {
            int n = 0;
            for (String c : CONSTRAINTS) {
                n += Constraint.parse(c).alternatives().size();
            }
            return n;
        });
        for (String text : CONSTRAINTS) {
            Constraint c = Constraint.parse(text);
            report("check '" + text + "'", versions.size(), "checks", () -> {
                int n = 0;
                for (Version v : versions) {
                    n += c.matches(v) ? 1 : 0;
                }
                return n;
            });
        }
        for (String text : List.of(">=1.0.0 <2.0.0", ">=6.0.0-0", "*")) {
            report("parse + filter + pick highest '" + text + "'", tags.size(), "tags", () -> {
                String best = Constraint.parse(text).best(tags, Version::tryParse);
                return best == null ? 0 : best.length();
            });
        }
        Constraint any = Constraint.parse("*");
        report("reasons('*') (Validate; a message per pre-release)", versions.size(), "checks", () -> {
            int n = 0;
            for (Version v : versions) {
                n += any.reasons(v).size();
            }
            return n;
        });
    }

    /** Runs {@code work} (which covers {@code items}) RUNS times after a warm-up and prints the median. */
    private static void report(String what, int items, String unit, IntSupplier work) {
        for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) {
            sink = work.getAsInt();
        }
        long[] nanos = new long[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            int repeats = 0;
            do {
                sink = work.getAsInt();
                repeats++;
            } while (System.nanoTime() - start < 50_000_000L);
            nanos[r] = (System.nanoTime() - start) / repeats;
        }
        Arrays.sort(nanos);
        long median = nanos[RUNS / 2];
        System.out.printf("  %-62s %10.3f ms %12.2f M %s/s%n", what, median / 1e6, items / (median / 1e9) / 1e6, unit);
    }

    /** Tags as a long-lived project has them, shuffled (tag listings are not in version order). */
    static List<String> tags(int count, Random random) {
        List<String> tags = new ArrayList<>(count);
        String[] words = {"alpha", "beta", "rc", "dev", "SNAPSHOT", "preview"};
        String[] junk = {"latest", "stable", "nightly-", "release-", "build-", "deploy/", "feature/", "sha-"};
        while (tags.size() < count) {
            int major = random.nextInt(12);
            int minor = random.nextInt(25);
            int patch = random.nextInt(30);
            double kind = random.nextDouble();
            if (kind < 0.45) {
                tags.add("v" + major + "." + minor + "." + patch);
            } else if (kind < 0.60) {
                tags.add(major + "." + minor + "." + patch);
            } else if (kind < 0.78) {
                String word = words[random.nextInt(words.length)];
                tags.add("v" + major + "." + minor + "." + patch + "-" + word + (random.nextBoolean() ? "." + random.nextInt(12) : ""));
            } else if (kind < 0.83) {
                tags.add("v" + major + "." + minor);
            } else if (kind < 0.88) {
                tags.add(String.format("%d.%02d.%02d", 2015 + random.nextInt(11), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            } else if (kind < 0.91) {
                tags.add("v" + major + "." + minor + "." + patch + "+build." + random.nextInt(1000));
            } else {
                String prefix = junk[random.nextInt(junk.length)];
                tags.add(prefix.endsWith("-") || prefix.endsWith("/") ? prefix + Integer.toHexString(random.nextInt()) : prefix);
            }
        }
        Collections.shuffle(tags, random);
        return tags;
    }
}
