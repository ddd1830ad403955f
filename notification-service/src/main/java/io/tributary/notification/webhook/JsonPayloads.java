package io.tributary.notification.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decides whether a body decodes as Go's {@code json.Unmarshal} would decode it into a struct of string fields, the
 * way Flux reads some receivers' payloads. Streaming, so deep nesting costs no stack. Pure.
 */
final class JsonPayloads {

    /** encoding/json's own limit. */
    private static final int MAX_DEPTH = 10_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private JsonPayloads() {
    }

    /**
     * Null when {@code body} is one JSON object (or {@code null}) whose {@code stringFields}, matched case-insensitively
     * as Go matches struct fields, are strings or null; otherwise what is wrong.
     */
    static String objectWithStringFields(byte[] body, String... stringFields) {
        Set<String> fields = Set.of(java.util.Arrays.stream(stringFields).map(f -> f.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new));
        // Go replaces invalid UTF-8 inside strings with U+FFFD instead of failing; decoding first does the same.
        String text = new String(body, StandardCharsets.UTF_8);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "unexpected end of JSON input";
            }
            if (first == JsonToken.START_OBJECT) {
                String wrong = checkFields(parser, fields);
                if (wrong != null) {
                    return wrong;
                }
            } else if (first != JsonToken.VALUE_NULL) {
                return "the payload is not a JSON object";
            }
            return parser.nextToken() == null ? null : "invalid data after the top-level value";
        } catch (JsonProcessingException e) {
            return "invalid JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "invalid JSON: " + e.getMessage();
        }
    }

    private static String checkFields(JsonParser parser, Set<String> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName().toLowerCase(java.util.Locale.ROOT);
            JsonToken value = parser.nextToken();
            if (fields.contains(name) && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                return "field '" + parser.currentName() + "' is not a string";
            }
            parser.skipChildren();
        }
        return null;
    }
}
