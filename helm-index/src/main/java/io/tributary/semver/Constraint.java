package io.tributary.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A version constraint in Masterminds/semver v3 syntax and with its rules, the ones Helm and Flux apply to chart
 * versions and Git tags: comparators {@code = != > < >= => <= =< ~ ~> ^}, wildcards ({@code 1.2.x}, {@code *}, and a
 * missing part: {@code 2.1} is {@code 2.1.x}), hyphen ranges ({@code 1.2 - 1.4.5}, also next to other comparators),
 * AND by comma or space, OR by {@code ||}.
 *
 * <p>Pre-releases: a pre-release version is only considered by an alternative (an {@code ||} group) in which some
 * comparator names a pre-release ({@code >=1.0.0-0 <2.0.0} admits {@code 1.5.0-rc.1}; {@code >=1.0.0} does not), or
 * by a constraint made with {@link #includingPrereleases()}.
 */
public final class Constraint {

    private final String text;
    private final List<List<Comparator>> alternatives;
    private final boolean[] alternativeNamesPrerelease;
    private final boolean includePrereleases;

    private Constraint(String text, List<List<Comparator>> alternatives, boolean[] namesPrerelease, boolean includePrereleases) {
        this.text = text;
        this.alternatives = alternatives;
        this.alternativeNamesPrerelease = namesPrerelease;
        this.includePrereleases = includePrereleases;
    }

    /**
     * Reads a constraint as Masterminds' {@code NewConstraint} does.
     *
     * @throws IllegalArgumentException naming the part that is not understood
     */
    public static Constraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("version constraint is empty");
        }
        String[] ors = ConstraintSyntax.rewriteRange(text).split("\\|\\|", -1);
        List<List<Comparator>> alternatives = new ArrayList<>(ors.length);
        boolean[] namesPrerelease = new boolean[ors.length];
        for (int i = 0; i < ors.length; i++) {
            List<Comparator> all = new ArrayList<>();
            try {
                for (ConstraintSyntax.Term term : ConstraintSyntax.terms(ors[i])) {
                    Comparator c = Comparator.of(term);
                    namesPrerelease[i] |= c.version.isPrerelease();
                    all.add(c);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("improper constraint: '" + text + "': " + e.getMessage(), e);
            }
            alternatives.add(List.copyOf(all));
        }
        return new Constraint(text, List.copyOf(alternatives), namesPrerelease, false);
    }

    /** This constraint, considering pre-release versions in every alternative (Masterminds' IncludePrerelease). */
    public Constraint includingPrereleases() {
        return new Constraint(text, alternatives, alternativeNamesPrerelease, true);
    }

    public boolean matches(Version version) {
        for (int i = 0; i < alternatives.size(); i++) {
            boolean pre = includePrereleases || alternativeNamesPrerelease[i];
            boolean all = true;
            for (Comparator c : alternatives.get(i)) {
                if (c.check(version, pre) != null) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why {@code version} does not satisfy the constraint, one reason per failing comparator (the pre-release reason
     * once); empty when it does. Masterminds' {@code Validate}, with its message texts.
     */
    public List<String> reasons(Version version) {
        List<String> reasons = new ArrayList<>();
        boolean prereleaseNoted = false;
        for (int i = 0; i < alternatives.size(); i++) {
            boolean pre = includePrereleases || alternativeNamesPrerelease[i];
            boolean all = true;
            for (Comparator c : alternatives.get(i)) {
                if (version.isPrerelease() && !pre) {
                    if (!prereleaseNoted) {
                        reasons.add(Comparator.Failure.PRERELEASE.message(version, c.written));
                        prereleaseNoted = true;
                    }
                    all = false;
                    continue;
                }
                Comparator.Failure failure = c.check(version, pre);
                if (failure != null) {
                    reasons.add(failure.message(version, c.written));
                    all = false;
                }
            }
            if (all) {
                return List.of();
            }
        }
        return reasons;
    }

    /** The highest version satisfying the constraint, or null; candidates whose version is null are skipped. */
    public <T> T best(Iterable<T> candidates, Function<T, Version> version) {
        T best = null;
        Version bestVersion = null;
        for (T candidate : candidates) {
            Version v = version.apply(candidate);
            if (v != null && (bestVersion == null || v.compareTo(bestVersion) > 0) && matches(v)) {
                best = candidate;
                bestVersion = v;
            }
        }
        return best;
    }

    /** The constraint as Masterminds prints it: terms without spaces, joined by a space, alternatives by {@code " || "}. */
    public String canonical() {
        StringBuilder out = new StringBuilder();
        for (List<Comparator> all : alternatives) {
            if (!out.isEmpty()) {
                out.append(" || ");
            }
            for (int k = 0; k < all.size(); k++) {
                out.append(k == 0 ? "" : " ").append(all.get(k).text());
            }
        }
        return out.toString();
    }

    /** The alternatives and their comparators, for tests in this package. */
    List<List<Comparator>> alternatives() {
        return alternatives;
    }

    /** The text as given. */
    @Override
    public String toString() {
        return text;
    }
}
