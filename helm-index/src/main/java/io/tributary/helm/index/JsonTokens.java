package io.tributary.helm.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON index as Helm reads one: {@code loadIndex} takes a document that {@code json.Valid} accepts with
 * {@code encoding/json}, not strictly: unknown fields are ignored and a repeated key's last value wins.
 */
final class JsonTokens implements IndexTokens {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private final JsonParser parser;
    private YamlScalars.Type type;
    private String text;

    JsonTokens(InputStream in) throws IOException {
        this.parser = JSON.createParser(in);
    }

    /** Whether the document is one JSON value and nothing else, as {@code json.Valid} decides (a byte-order mark is not JSON). */
    static boolean valid(InputStream in) throws IOException {
        byte[] head = in.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            return false;
        }
        try (JsonParser p = JSON.createParser(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in))) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    @Override
    public Kind next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return Kind.END;
        }
        return switch (token) {
            case START_OBJECT -> Kind.MAP;
            case END_OBJECT -> Kind.END_MAP;
            case START_ARRAY -> Kind.SEQ;
            case END_ARRAY -> Kind.END_SEQ;
            default -> {
                type = switch (token) {
                    case VALUE_NULL -> YamlScalars.Type.NULL;
                    case VALUE_TRUE, VALUE_FALSE -> YamlScalars.Type.BOOL;
                    case VALUE_NUMBER_INT -> YamlScalars.Type.INT;
                    case VALUE_NUMBER_FLOAT -> YamlScalars.Type.FLOAT;
                    default -> YamlScalars.Type.STRING;
                };
                text = token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
                yield Kind.SCALAR;
            }
        };
    }

    @Override
    public YamlScalars.Type type() {
        return type;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean bool() {
        return "true".equals(text);
    }

    @Override
    public int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    @Override
    public boolean yaml() {
        return false;
    }
}
