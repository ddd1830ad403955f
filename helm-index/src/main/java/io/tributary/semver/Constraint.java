package io.tributary.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint in Masterminds/semver syntax, the one Flux and Helm use: comparators
 * ({@code = != > < >= <= ~ ~> ^}), wildcards ({@code 1.2.x}, {@code *}), hyphen ranges ({@code 1.2 - 1.4.5}),
 * AND by comma or space, OR by {@code ||}. A pre-release version only satisfies a comparator whose own version
 * carries a pre-release, so {@code >=1.0.0} never picks {@code 2.0.0-rc.1}.
 */
public final class Constraint {

    private static final String VERSION = "v?(?:[0-9xX*]+)(?:\\.[0-9xX*]+)?(?:\\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?";
    private static final Pattern HYPHEN = Pattern.compile("^\\s*(" + VERSION + ")\\s+-\\s+(" + VERSION + ")\\s*$");
    private static final Pattern COMPARATOR = Pattern.compile("^(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)?\\s*(" + VERSION + ")$");

    private final List<List<Comparator>> alternatives;
    private final String text;

    private Constraint(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Parses a constraint; throws IllegalArgumentException naming the part that is not understood. */
    public static Constraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty version constraint");
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|", -1)) {
            List<Comparator> all = new ArrayList<>();
            Matcher hyphen = HYPHEN.matcher(alternative);
            if (hyphen.matches()) {
                all.add(Comparator.of(">=", hyphen.group(1)));
                all.add(Comparator.of("<=", hyphen.group(2)));
            } else {
                // operators may be separated from their version by spaces: glue them first
                String glued = alternative.trim().replaceAll("(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)\\s+", "$1");
                for (String part : glued.split("[,\\s]+")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    Matcher m = COMPARATOR.matcher(part);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("improper constraint: '" + part + "' in '" + text + "'");
                    }
                    all.add(Comparator.of(m.group(1) == null ? "=" : m.group(1), m.group(2)));
                }
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("improper constraint: '" + text + "'");
            }
            alternatives.add(all);
        }
        return new Constraint(text, List.copyOf(alternatives));
    }

    public boolean matches(Version version) {
        return alternatives.stream().anyMatch(all -> all.stream().allMatch(c -> c.matches(version)));
    }

    /** The highest version satisfying the constraint, or null. */
    public <T> T best(Iterable<T> candidates, java.util.function.Function<T, Version> version) {
        T best = null;
        Version bestVersion = null;
        for (T candidate : candidates) {
            Version v = version.apply(candidate);
            if (v != null && matches(v) && (bestVersion == null || v.compareTo(bestVersion) > 0)) {
                best = candidate;
                bestVersion = v;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One comparator, already expanded into bounds: {@code lower <=/< v <=/< upper}, or an exclusion. */
    private record Comparator(Version lower, boolean lowerInclusive, Version upper, boolean upperInclusive,
            Version excluded, boolean allowsPrerelease) {

        static Comparator of(String op, String raw) {
            String[] parts = raw.replaceFirst("^v", "").split("[-+]", 2)[0].split("\\.");
            String suffix = raw.replaceFirst("^v", "").substring(raw.replaceFirst("^v", "").split("[-+]", 2)[0].length());
            int specified = 0;
            long[] numbers = new long[3];
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("x") || parts[i].equals("X") || parts[i].equals("*")) {
                    break;
                }
                try {
                    numbers[i] = Long.parseLong(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("improper constraint: '" + raw + "'");
                }
                specified++;
            }
            Version base = Version.parse(numbers[0] + "." + numbers[1] + "." + numbers[2] + suffix);
            boolean pre = base.isPrerelease();
            boolean wildcard = specified < parts.length || specified == 0;
            Version nextUp = bump(numbers, specified);
            return switch (op) {
                case "=" -> wildcard ? range(base, nextUp, pre) : new Comparator(base, true, base, true, null, pre);
                case "!=" -> wildcard ? new Comparator(null, false, null, false, null, pre).exclusion(base, nextUp)
                        : new Comparator(null, false, null, false, base, pre);
                case ">" -> wildcard ? (nextUp == null ? new Comparator(null, false, Version.parse("0.0.0"), false, null, pre)
                        : new Comparator(nextUp, true, null, false, null, pre)) : new Comparator(base, false, null, false, null, pre);
                case ">=", "=>" -> new Comparator(base, true, null, false, null, pre);
                case "<" -> new Comparator(null, false, base, false, null, pre);
                case "<=", "=<" -> wildcard ? new Comparator(null, false, nextUp, false, null, pre)
                        : new Comparator(null, false, base, true, null, pre);
                case "~", "~>" -> range(base, bump(numbers, Math.max(1, Math.min(specified, 2))), pre);
                case "^" -> range(base, caretUpper(numbers, specified), pre);
                default -> throw new IllegalArgumentException("improper constraint operator: '" + op + "'");
            };
        }

        private static Comparator range(Version lower, Version upper, boolean pre) {
            return new Comparator(lower, true, upper, false, null, pre);
        }

        private Comparator exclusion(Version lower, Version upper) {
            // "!= 1.2.x": outside [lower, upper); modelled as not-in-range by swapping the bounds' meaning
            return new Comparator(upper, true, lower, false, null, allowsPrerelease);
        }

        /** The first version past the specified prefix: 1.2 → 1.3.0, 1 → 2.0.0, nothing → null (unbounded). */
        private static Version bump(long[] n, int specified) {
            return switch (specified) {
                case 0 -> null;
                case 1 -> new Version(n[0] + 1, 0, 0, "", "", null);
                case 2 -> new Version(n[0], n[1] + 1, 0, "", "", null);
                default -> new Version(n[0], n[1], n[2] + 1, "", "", null);
            };
        }

        private static Version caretUpper(long[] n, int specified) {
            if (n[0] > 0 || specified <= 1) {
                return specified == 0 ? null : new Version(n[0] + 1, 0, 0, "", "", null);
            }
            if (n[1] > 0 || specified == 2) {
                return new Version(0, n[1] + 1, 0, "", "", null);
            }
            return new Version(0, 0, n[2] + 1, "", "", null);
        }

        boolean matches(Version v) {
            if (v.isPrerelease() && !allowsPrerelease) {
                return false;
            }
            if (excluded != null) {
                return !v.sameAs(excluded);
            }
            if (lower != null && upper != null && lower.compareTo(upper) > 0) {
                // an exclusion range: matches outside [upper, lower)
                return v.compareTo(upper) < 0 || v.compareTo(lower) >= 0;
            }
            if (lower != null && (lowerInclusive ? v.compareTo(lower) < 0 : v.compareTo(lower) <= 0)) {
                return false;
            }
            return upper == null || (upperInclusive ? v.compareTo(upper) <= 0 : v.compareTo(upper) < 0);
        }
    }
}
