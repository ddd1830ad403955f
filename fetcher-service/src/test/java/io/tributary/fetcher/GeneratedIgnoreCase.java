package io.tributary.fetcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A random source tree with ignore files, reproducible from its seed. {@link Grammar#AGREEING} leaves out every
 * construct where Flux v1.9's matcher and git are known to answer differently, so a real git can judge the result:
 * <ul>
 *   <li>directory names have no dot and file names all have one, and a negation's last segment ends in a file
 *       extension, so a negation can only match a file itself (a Flux negation on a directory re-includes everything
 *       below it, git's only the directory);</li>
 *   <li>{@code **} only as a whole segment, never last, and a segment after it is the last one or is followed by
 *       another {@code **} (Flux's {@code **} never backtracks; its trailing {@code /**} matches the directory
 *       itself);</li>
 *   <li>classes only as {@code [ab]}, {@code [a-c]}, {@code [^a]} (Go has no {@code [!a]}, no POSIX classes, and
 *       rejects ']' first or '-' at an end); no backslashes, no leading or trailing white space;</li>
 *   <li>{@code spec.ignore} only when no subdirectory has an ignore file: Flux lets it override them all, git has no
 *       source above a subdirectory's {@code .gitignore}.</li>
 * </ul>
 * The one remaining difference, a negation re-including a file below an excluded directory (Flux tests every path,
 * git stops at the directory), is left to the comparison to set aside. {@link Grammar#BROAD} uses every construct.
 */
final class GeneratedIgnoreCase {

    enum Grammar { AGREEING, BROAD }

    private static final String[] DIRS = {"a", "b", "c", "src", "docs"};
    private static final String[] FILES = {"x.txt", "y.log", "a.txt", "b.yaml", "app.log", "z.md"};
    private static final String[] EXTENSIONS = {"txt", "log", "yaml", "md"};

    final long seed;
    /** Relative paths, directories with a trailing slash, in lexical order. */
    final List<String> paths = new ArrayList<>();
    /** Ignore file lines by directory ("" for the root). */
    final Map<String, List<String>> ignoreFiles = new TreeMap<>();
    /** {@code spec.ignore}, or null. */
    String specIgnore;

    private final Random random;
    private final Grammar grammar;

    private GeneratedIgnoreCase(long seed, Grammar grammar) {
        this.seed = seed;
        this.random = new Random(seed);
        this.grammar = grammar;
    }

    static GeneratedIgnoreCase generate(long seed, Grammar grammar) {
        GeneratedIgnoreCase c = new GeneratedIgnoreCase(seed, grammar);
        c.tree("", 0);
        c.paths.sort(null);
        c.rules();
        return c;
    }

    boolean hasNegation() {
        return allLines().stream().anyMatch(l -> l.startsWith("!"));
    }

    List<String> allLines() {
        List<String> all = new ArrayList<>();
        ignoreFiles.values().forEach(all::addAll);
        if (specIgnore != null) {
            all.addAll(List.of(specIgnore.split("\n")));
        }
        return all;
    }

    private void tree(String dir, int depth) {
        for (String file : FILES) {
            if (random.nextInt(3) == 0) {
                paths.add(dir + file);
            }
        }
        if (grammar == Grammar.BROAD && random.nextInt(6) == 0) {
            paths.add(dir + DIRS[random.nextInt(DIRS.length)] + (random.nextBoolean() ? "" : ".d"));
        }
        if (depth == 3) {
            return;
        }
        for (String sub : DIRS) {
            if (random.nextInt(depth == 0 ? 2 : 3) == 0 && !paths.contains(dir + sub)) {
                paths.add(dir + sub + "/");
                tree(dir + sub + "/", depth + 1);
            }
        }
    }

    private void rules() {
        List<String> dirs = new ArrayList<>();
        dirs.add("");
        paths.stream().filter(p -> p.endsWith("/")).forEach(p -> dirs.add(p.substring(0, p.length() - 1)));
        boolean spec = grammar == Grammar.BROAD ? random.nextBoolean() : random.nextInt(3) == 0;
        int files = 1 + random.nextInt(3);
        for (int i = 0; i < files; i++) {
            String dir = spec && grammar == Grammar.AGREEING ? "" : dirs.get(random.nextInt(dirs.size()));
            List<String> lines = ignoreFiles.computeIfAbsent(dir, d -> new ArrayList<>());
            int n = 1 + random.nextInt(4);
            for (int k = 0; k < n; k++) {
                lines.add(line());
            }
        }
        if (spec) {
            List<String> lines = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                lines.add(line());
            }
            specIgnore = String.join("\n", lines) + "\n";
        }
    }

    private String line() {
        return grammar == Grammar.AGREEING ? agreeingLine() : broadLine();
    }

    private String agreeingLine() {
        boolean negation = random.nextInt(4) == 0;
        List<String> segments = new ArrayList<>();
        int shape = random.nextInt(6);
        if (shape <= 1) {
            segments.add(negation ? fileSegment() : anySegment());
        } else if (shape == 2) {
            segments.add(dirSegment());
            segments.add(negation ? fileSegment() : anySegment());
        } else if (shape == 3) {
            segments.add("**");
            segments.add(negation ? fileSegment() : anySegment());
        } else if (shape == 4) {
            segments.add(dirSegment());
            segments.add("**");
            segments.add(negation ? fileSegment() : anySegment());
        } else {
            segments.add("**");
            segments.add(dirSegment());
            segments.add("**");
            segments.add(negation ? fileSegment() : anySegment());
        }
        String pattern = String.join("/", segments);
        if (random.nextInt(4) == 0 && !pattern.startsWith("**")) {
            pattern = "/" + pattern;
        }
        if (!negation && random.nextInt(4) == 0) {
            pattern += "/";
        }
        return (negation ? "!" : "") + pattern;
    }

    private String dirSegment() {
        return switch (random.nextInt(5)) {
            case 0 -> "*";
            case 1 -> "[ab]";
            case 2 -> "s*";
            default -> DIRS[random.nextInt(DIRS.length)];
        };
    }

    private String fileSegment() {
        String ext = EXTENSIONS[random.nextInt(EXTENSIONS.length)];
        return switch (random.nextInt(6)) {
            case 0 -> "*." + ext;
            case 1 -> "?." + ext;
            case 2 -> "[a-c]*." + ext;
            case 3 -> "[^a]*." + ext;
            case 4 -> "*p*." + ext;
            default -> FILES[random.nextInt(FILES.length)];
        };
    }

    private String anySegment() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> fileSegment();
            case 2 -> "*";
            case 3 -> "[^d]*";
            case 4 -> "?";
            default -> DIRS[random.nextInt(DIRS.length)];
        };
    }

    private String broadLine() {
        String[] pieces = {"*", "**", "?", "[!a]*", "[^a]*", "[]a]", "[a-]", "[z-a]", "\\", "\\ ", " ", "x**", "**x", "[[:alpha:]]*",
            "[\\]]", "a", "b", "src", "docs", "*.txt", "*.log", "y.log", "", "."};
        StringBuilder p = new StringBuilder();
        if (random.nextInt(4) == 0) {
            p.append('!');
        }
        if (random.nextInt(5) == 0) {
            p.append('/');
        }
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                p.append('/');
            }
            int k = 1 + random.nextInt(2);
            for (int j = 0; j < k; j++) {
                p.append(pieces[random.nextInt(pieces.length)]);
            }
        }
        if (random.nextInt(4) == 0) {
            p.append('/');
        }
        if (random.nextInt(8) == 0) {
            p.append("  ");
        }
        if (random.nextInt(10) == 0) {
            p.insert(0, random.nextBoolean() ? "#" : " ");
        }
        return p.toString();
    }

    /** Writes the tree under {@code root}, the ignore files named {@code ignoreFile}. */
    void write(Path root, String ignoreFile) throws IOException {
        for (String path : paths) {
            Path target = root.resolve(path);
            if (path.endsWith("/")) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.writeString(target, path);
            }
        }
        for (Map.Entry<String, List<String>> file : ignoreFiles.entrySet()) {
            Path dir = file.getKey().isEmpty() ? root : root.resolve(file.getKey());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ignoreFile), String.join("\n", file.getValue()) + "\n");
        }
    }

    @Override
    public String toString() {
        return "seed " + seed + ": ignore files " + ignoreFiles + ", spec.ignore " + (specIgnore == null ? "none" : "'" + specIgnore + "'")
                + ", paths " + paths;
    }
}
