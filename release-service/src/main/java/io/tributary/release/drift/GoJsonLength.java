package io.tributary.release.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The byte length of a value as Go's {@code encoding/json} writes it, compact: wI2L/jsondiff weighs patches by that
 * length when it rationalizes, so the same lengths give the same patches. Pure.
 */
final class GoJsonLength {

    private GoJsonLength() {
    }

    static int of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return 4;
        }
        if (node.isObject()) {
            int length = 2;
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); n++) {
                Map.Entry<String, JsonNode> e = it.next();
                length += string(e.getKey()) + 1 + of(e.getValue());
            }
            return length + Math.max(0, n - 1);
        }
        if (node.isArray()) {
            int length = 2;
            for (JsonNode element : node) {
                length += of(element);
            }
            return length + Math.max(0, node.size() - 1);
        }
        if (node.isTextual()) {
            return string(node.textValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString().length();
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString().length() : d.toPlainString().length();
        }
        return node.toString().length();
    }

    /** A quoted string with Go's escapes: {@code < > &} and U+2028/U+2029 as six-character escapes, other text as UTF-8. */
    static int string(String s) {
        int length = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                length += 2;
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                length += 6;
            } else if (c < 0x80) {
                length += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += String.valueOf(c).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return length;
    }
}
