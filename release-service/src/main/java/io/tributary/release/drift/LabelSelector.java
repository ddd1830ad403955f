package io.tributary.release.drift;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector expression ({@code k8s.io/apimachinery/pkg/labels.Parse}): comma-separated
 * requirements {@code key}, {@code !key}, {@code key=v}, {@code key==v}, {@code key!=v}, {@code key in (a,b)},
 * {@code key notin (a)}, {@code key>1}, {@code key<1}; the empty expression matches everything. Pure.
 */
public final class LabelSelector {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final String SPECIAL = "!=(),<>";

    enum Operator { EXISTS, DOES_NOT_EXIST, EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, LESS_THAN }

    record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            boolean has = labels != null && labels.containsKey(key);
            String value = has ? labels.get(key) : null;
            return switch (operator) {
                case EXISTS -> has;
                case DOES_NOT_EXIST -> !has;
                case EQUALS, IN -> has && values.contains(value);
                case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
                case GREATER_THAN, LESS_THAN -> has && compare(value);
            };
        }

        private boolean compare(String value) {
            long actual;
            try {
                actual = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return false;
            }
            long bound = Long.parseLong(values.iterator().next());
            return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** A selector that is not a valid expression. */
    public static final class InvalidSelectorException extends Exception {
        public InvalidSelectorException(String message) {
            super(message);
        }
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public static LabelSelector parse(String expression) throws InvalidSelectorException {
        List<String> tokens = tokenize(expression);
        List<Requirement> requirements = new ArrayList<>();
        int[] at = {0};
        while (at[0] < tokens.size()) {
            requirements.add(requirement(tokens, at));
            if (at[0] < tokens.size()) {
                expect(tokens, at, ",");
                if (at[0] == tokens.size()) {
                    throw new InvalidSelectorException("found '', expected: identifier after ','");
                }
            }
        }
        return new LabelSelector(requirements);
    }

    private static Requirement requirement(List<String> tokens, int[] at) throws InvalidSelectorException {
        if (peek(tokens, at).equals("!")) {
            at[0]++;
            return new Requirement(key(tokens, at), Operator.DOES_NOT_EXIST, Set.of());
        }
        String key = key(tokens, at);
        String op = peek(tokens, at);
        if (op.isEmpty() || op.equals(",")) {
            return new Requirement(key, Operator.EXISTS, Set.of());
        }
        at[0]++;
        switch (op) {
            case "=", "==", "!=" -> {
                String value = peek(tokens, at);
                if (value.isEmpty() || value.equals(",")) {
                    value = "";
                } else {
                    identifier(value);
                    at[0]++;
                }
                return new Requirement(key, op.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS, Set.of(validValue(value)));
            }
            case "in", "notin" -> {
                Set<String> values = values(tokens, at);
                if (values.isEmpty()) {
                    throw new InvalidSelectorException("for 'in', 'notin' operators, values set can't be empty");
                }
                return new Requirement(key, op.equals("in") ? Operator.IN : Operator.NOT_IN, values);
            }
            case ">", "<" -> {
                String value = identifier(peek(tokens, at));
                at[0]++;
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new InvalidSelectorException("for 'Gt', 'Lt' operators, the value must be an integer");
                }
                return new Requirement(key, op.equals(">") ? Operator.GREATER_THAN : Operator.LESS_THAN, Set.of(value));
            }
            default -> throw new InvalidSelectorException("found '" + op + "', expected: in, notin, =, ==, !=, gt, lt");
        }
    }

    private static Set<String> values(List<String> tokens, int[] at) throws InvalidSelectorException {
        expect(tokens, at, "(");
        Set<String> values = new LinkedHashSet<>();
        boolean expectValue = true;
        while (true) {
            String t = peek(tokens, at);
            if (t.equals(")")) {
                at[0]++;
                return values;
            }
            if (t.equals(",")) {
                if (expectValue) {
                    values.add("");
                }
                expectValue = true;
                at[0]++;
                continue;
            }
            if (t.isEmpty() || !expectValue) {
                throw new InvalidSelectorException("found '" + t + "', expected: ',' or ')'");
            }
            values.add(validValue(identifier(t)));
            expectValue = false;
            at[0]++;
        }
    }

    private static String key(List<String> tokens, int[] at) throws InvalidSelectorException {
        String key = identifier(peek(tokens, at));
        at[0]++;
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        String prefix = slash < 0 ? null : key.substring(0, slash);
        boolean valid = name.length() <= 63 && NAME.matcher(name).matches()
                && (prefix == null || (prefix.length() <= 253 && PREFIX.matcher(prefix).matches()));
        if (!valid) {
            throw new InvalidSelectorException("invalid label key \"" + key + "\": must be a qualified name");
        }
        return key;
    }

    private static String validValue(String value) throws InvalidSelectorException {
        if (value.length() > 63 || !VALUE.matcher(value).matches()) {
            throw new InvalidSelectorException("invalid label value: \"" + value + "\": must be a valid label value");
        }
        return value;
    }

    private static String identifier(String token) throws InvalidSelectorException {
        if (token.isEmpty() || (token.length() <= 2 && SPECIAL.contains(token.substring(0, 1)))) {
            throw new InvalidSelectorException("found '" + token + "', expected: identifier");
        }
        return token;
    }

    private static void expect(List<String> tokens, int[] at, String token) throws InvalidSelectorException {
        if (!peek(tokens, at).equals(token)) {
            throw new InvalidSelectorException("found '" + peek(tokens, at) + "', expected: '" + token + "'");
        }
        at[0]++;
    }

    private static String peek(List<String> tokens, int[] at) {
        return at[0] < tokens.size() ? tokens.get(at[0]) : "";
    }

    /** Identifiers, the operators {@code ! != = == > <}, and {@code ( ) ,}; whitespace separates. */
    private static List<String> tokenize(String s) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SPECIAL.indexOf(c) >= 0) {
                boolean twoChar = (c == '!' || c == '=') && i + 1 < s.length() && s.charAt(i + 1) == '=';
                tokens.add(s.substring(i, twoChar ? i + 2 : i + 1));
                i += twoChar ? 2 : 1;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && SPECIAL.indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(s.substring(start, i));
            }
        }
        return tokens;
    }
}
