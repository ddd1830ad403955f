package io.tributary.api.meta;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go duration strings as Flux accepts them: {@code ^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$}. */
public final class Durations {

    public static final String PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
    private static final Pattern WHOLE = Pattern.compile(PATTERN);
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code value} of {@code field}; throws with the field name on a bad value. */
    public static Duration parse(String field, String value) {
        if (value == null || !WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": invalid duration '" + value + "', expected e.g. 1m30s");
        }
        double millis = 0;
        Matcher m = PART.matcher(value);
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
        }
        return Duration.ofMillis((long) millis);
    }

    public static Duration parseOr(String field, String value, Duration fallback) {
        return value == null || value.isBlank() ? fallback : parse(field, value);
    }
}
