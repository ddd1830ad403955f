package io.tributary.release.values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Helm's {@code --set} syntax ({@code pkg/strvals}, Helm v4.2.1, the version helm-controller 1.6 builds with):
 * {@code name1=value1,outer.inner=value,list[0].name=x,escaped\.dot=y}. Values are typed as Helm types them
 * ({@code true}/{@code false}, {@code null}, integers without a leading zero) unless parsed as strings;
 * {@code {a,b}} is a list. Used for {@code spec.valuesFrom[].targetPath}.
 *
 * <p>A faithful port, quirks included: the end of input ends the parse wherever it comes (so {@code a[0} sets nothing
 * and is no error), and a value that does not fit the structure already there is an error.
 */
public final class StrVals {

    /** The largest list index a path may use. */
    public static final int MAX_INDEX = 65536;
    /** The deepest a name may nest ({@code a.b.c...}). */
    public static final int MAX_NESTED_NAME_LEVEL = 30;

    /** The line does not parse; the message is Helm's. */
    public static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    /** Go's {@code io.EOF} travelling through the parser: the input ended, which ends the parse. */
    private static final class EndOfInput extends Exception {
        private static final EndOfInput INSTANCE = new EndOfInput();

        private EndOfInput() {
            super(null, null, false, false);
        }
    }

    /** A value list ({@code {a,b}}) was expected but the value is not one. */
    private static final class NotAList extends Exception {
        private static final NotAList INSTANCE = new NotAList();

        private NotAList() {
            super(null, null, false, false);
        }
    }

    private static final Set<Integer> KEY_STOP = Set.of((int) '=', (int) '[', (int) ',', (int) '.');
    private static final Set<Integer> INDEX_STOP = Set.of((int) ']');
    private static final Set<Integer> ITEM_STOP = Set.of((int) '[', (int) '.', (int) '=');
    private static final Set<Integer> VALUE_STOP = Set.of((int) ',');
    private static final Set<Integer> LIST_STOP = Set.of((int) ',', (int) '}');

    private final int[] input;
    private final boolean strings;
    private int position;

    private StrVals(String line, boolean strings) {
        this.input = line.codePoints().toArray();
        this.strings = strings;
    }

    /** {@code strvals.Parse}: a new map from the line, values typed. */
    public static Map<String, Object> parse(String line) throws ParseException {
        Map<String, Object> values = new LinkedHashMap<>();
        parseInto(line, values);
        return values;
    }

    /** {@code strvals.ParseString}: a new map from the line, every value a string. */
    public static Map<String, Object> parseString(String line) throws ParseException {
        Map<String, Object> values = new LinkedHashMap<>();
        parseIntoString(line, values);
        return values;
    }

    /** {@code strvals.ParseInto}: merges the line into {@code dest} (mutable maps and lists), overwriting what it names. */
    public static void parseInto(String line, Map<String, Object> dest) throws ParseException {
        new StrVals(line, false).run(dest);
    }

    /** {@code strvals.ParseIntoString}: as {@link #parseInto}, every value a string. */
    public static void parseIntoString(String line, Map<String, Object> dest) throws ParseException {
        new StrVals(line, true).run(dest);
    }

    private void run(Map<String, Object> data) throws ParseException {
        try {
            while (true) {
                key(data, 0);
            }
        } catch (EndOfInput end) {
            // the whole line was read
        }
    }

    private record Run(String text, int last, boolean ended) {
    }

    /** Reads up to one of {@code stop} (consumed, returned as {@code last}) or the end; a backslash escapes the next character. */
    private Run until(Set<Integer> stop) {
        StringBuilder text = new StringBuilder();
        while (true) {
            if (position >= input.length) {
                return new Run(text.toString(), 0, true);
            }
            int c = input[position++];
            if (stop.contains(c)) {
                return new Run(text.toString(), c, false);
            }
            if (c == '\\') {
                if (position >= input.length) {
                    return new Run(text.toString(), 0, true);
                }
                text.appendCodePoint(input[position++]);
            } else {
                text.appendCodePoint(c);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void key(Map<String, Object> data, int nestedNameLevel) throws ParseException, EndOfInput {
        try {
            Run run = until(KEY_STOP);
            String k = run.text();
            if (run.ended()) {
                if (k.isEmpty()) {
                    throw EndOfInput.INSTANCE;
                }
                throw new ParseException("key " + quote(k) + " has no value");
            }
            switch (run.last()) {
                case '[' -> {
                    int index = keyIndex();
                    List<Object> list = data.containsKey(k) ? (List<Object>) data.get(k) : new ArrayList<>();
                    try {
                        list = listItem(list, index, nestedNameLevel);
                    } catch (EndOfInput end) {
                        set(data, k, list);
                        throw end;
                    }
                    set(data, k, list);
                }
                case '=' -> {
                    try {
                        set(data, k, valueList());
                    } catch (EndOfInput end) {
                        set(data, k, "");
                        throw end;
                    } catch (NotAList notAList) {
                        set(data, k, typed(value()));
                    }
                }
                case ',' -> {
                    set(data, k, "");
                    throw new ParseException("key " + quote(k) + " has no value (cannot end with ,)");
                }
                default -> { // '.'
                    if (++nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
                        throw new ParseException("value name nested level is greater than maximum supported nested level of "
                                + MAX_NESTED_NAME_LEVEL);
                    }
                    Map<String, Object> inner = data.containsKey(k) ? (Map<String, Object>) data.get(k) : new LinkedHashMap<>();
                    try {
                        key(inner, nestedNameLevel);
                    } catch (EndOfInput end) {
                        if (!inner.isEmpty()) {
                            set(data, k, inner);
                        }
                        throw end;
                    }
                    if (inner.isEmpty()) {
                        throw new ParseException("key map " + quote(k) + " has no value");
                    }
                    set(data, k, inner);
                }
            }
        } catch (ClassCastException | NullPointerException e) {
            // Go's recover() of a failed type assertion: the path does not fit what is already there
            throw new ParseException("unable to parse key: " + e.getMessage());
        }
    }

    private static void set(Map<String, Object> data, String key, Object value) {
        if (!key.isEmpty()) {
            data.put(key, value);
        }
    }

    /** Go's {@code setIndex}: a longer list is a new one, padded with nulls; otherwise the list is changed in place. */
    static List<Object> setIndex(List<Object> list, int index, Object value) throws ParseException {
        if (index < 0) {
            throw new ParseException("negative " + index + " index not allowed");
        }
        if (index > MAX_INDEX) {
            throw new ParseException("index of " + index + " is greater than maximum supported index of " + MAX_INDEX);
        }
        List<Object> target = list;
        if (list.size() <= index) {
            target = new ArrayList<>(list);
            while (target.size() <= index) {
                target.add(null);
            }
        }
        target.set(index, value);
        return target;
    }

    private int keyIndex() throws ParseException, EndOfInput {
        Run run = until(INDEX_STOP);
        if (run.ended()) {
            throw EndOfInput.INSTANCE; // "error parsing index: EOF" still counts as the end of input upstream
        }
        try {
            return Integer.parseInt(run.text());
        } catch (NumberFormatException e) {
            throw new ParseException("error parsing index: strconv.Atoi: parsing " + quote(run.text()) + ": "
                    + (run.text().matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> listItem(List<Object> list, int i, int nestedNameLevel) throws ParseException, EndOfInput {
        if (i < 0) {
            throw new ParseException("negative " + i + " index not allowed");
        }
        Run run = until(ITEM_STOP);
        if (!run.text().isEmpty()) {
            throw new ParseException("unexpected data at end of array index: " + quote(run.text()));
        }
        if (run.ended()) {
            throw EndOfInput.INSTANCE;
        }
        switch (run.last()) {
            case '=' -> {
                try {
                    return setIndex(list, i, valueList());
                } catch (EndOfInput end) {
                    return setIndex(list, i, "");
                } catch (NotAList notAList) {
                    return setIndex(list, i, typed(value()));
                }
            }
            case '[' -> {
                int next = keyIndex();
                List<Object> current = new ArrayList<>();
                if (list.size() > i && list.get(i) != null) {
                    current = (List<Object>) list.get(i);
                }
                return setIndex(list, i, listItem(current, next, nestedNameLevel));
            }
            default -> { // '.'
                Map<String, Object> inner = new LinkedHashMap<>();
                if (list.size() > i) {
                    if (list.get(i) instanceof Map<?, ?> existing) {
                        inner = (Map<String, Object>) existing;
                    } else {
                        // indexes out of order: start the element afresh
                        list.set(i, inner);
                    }
                }
                key(inner, nestedNameLevel);
                return setIndex(list, i, inner);
            }
        }
    }

    /** The rest of the value, up to an unescaped comma or the end. */
    private String value() {
        return until(VALUE_STOP).text();
    }

    /** {@code {a,b,c}}; {@link NotAList} (nothing consumed) when the value does not start with a brace. */
    private List<Object> valueList() throws ParseException, EndOfInput, NotAList {
        if (position >= input.length) {
            throw EndOfInput.INSTANCE;
        }
        if (input[position] != '{') {
            throw NotAList.INSTANCE;
        }
        position++;
        List<Object> list = new ArrayList<>();
        while (true) {
            Run run = until(LIST_STOP);
            if (run.ended()) {
                throw new ParseException("list must terminate with '}'");
            }
            list.add(typed(run.text()));
            if (run.last() == '}') {
                if (position < input.length && input[position] == ',') {
                    position++;
                }
                return list;
            }
        }
    }

    /** Go's {@code typedVal}. */
    private Object typed(String value) {
        if (strings) {
            return value;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (value.equalsIgnoreCase("null")) {
            return null;
        }
        if (value.equals("0")) {
            return 0L;
        }
        if (!value.isEmpty() && value.charAt(0) != '0' && value.matches("[+-]?[0-9]+")) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException outOfRange) {
                return value;
            }
        }
        return value;
    }

    /** Go's {@code %q} for the plain text these messages quote. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
