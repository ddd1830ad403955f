package io.tributary.fetcher.status;

import java.util.regex.Pattern;

/** Removes credentials from text bound for status, events and logs: URL user-info and query strings. */
public final class Sanitizer {

    private static final Pattern URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]+@)?([^\\s?#'\"]*)(\\?[^\\s#'\"]*)?");

    private Sanitizer() {
    }

    public static String sanitize(String message) {
        if (message == null) {
            return null;
        }
        return URL.matcher(message).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(3)));
    }
}
