package io.tributary.helm.index;

import io.tributary.helm.index.BlockIndexReader.Unsupported;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * The block reader's position in a document: the current line that is not blank or a comment, its indentation, and
 * raw lines for scalars that span several. Declines the characters a line reader and YAML would see differently.
 */
final class BlockLines {

    private final BufferedReader in;
    String line;
    int lineIndent;
    boolean eof;
    /** The last {@link #next()} passed blank or comment lines, which would end or change a multi-line plain scalar. */
    boolean gap;

    BlockLines(BufferedReader in) {
        this.in = in;
    }


    /** Moves to the next line that is not blank and not a comment. */
    void next() throws IOException, Unsupported {
        gap = false;
        while (true) {
            String raw = in.readLine();
            if (raw == null) {
                eof = true;
                line = null;
                lineIndent = -1;
                return;
            }
            printable(raw, false);
            int indent = indentOf(raw);
            if (indent == raw.length() || raw.charAt(indent) == '#') {
                gap = true;
                continue;
            }
            if (indent == 0 && (raw.startsWith("---") || raw.startsWith("..."))) {
                if (raw.trim().equals("---") && line == null && !eof && lineIndent == 0) {
                    lineIndent = -2; // the first document marker is fine; remember we saw it
                    continue;
                }
                throw new Unsupported("document markers");
            }
            line = raw;
            lineIndent = indent;
            return;
        }
    }


    /** Reads raw lines (blank ones included) for block and quoted scalars; returns null at the end. */
    String rawLine(boolean tabs) throws IOException, Unsupported {
        String raw = in.readLine();
        if (raw != null) {
            printable(raw, tabs);
        }
        return raw;
    }


    /**
     * Declines characters YAML does not allow or reads differently from a line reader: control characters, NEL and the
     * Unicode line separators (line breaks to YAML 1.1), a byte-order mark, tabs outside block scalars.
     */
    static void printable(String raw, boolean tabs) throws Unsupported {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 ? (c != '\t' || !tabs) : c >= 0x7f && (c <= 0x9f || c == 0x2028 || c == 0x2029 || c == 0xfeff || c >= 0xfffe)) {
                throw new Unsupported("character U+" + Integer.toHexString(c));
            }
        }
    }


    static int indentOf(String raw) {
        int indent = 0;
        while (indent < raw.length() && raw.charAt(indent) == ' ') {
            indent++;
        }
        return indent;
    }


    /** A sequence item at {@code indent}: {@code - ...} or a bare {@code -}. */
    boolean item(int indent) {
        return !eof && lineIndent == indent && line.length() > indent && line.charAt(indent) == '-'
                && (line.length() == indent + 1 || line.charAt(indent + 1) == ' ');
    }


    void pushBack(String raw) throws IOException, Unsupported {
        printable(raw, false);
        int indent = indentOf(raw);
        if (raw.charAt(indent) == '#') {
            next();
            return;
        }
        if (indent == 0 && (raw.startsWith("---") || raw.startsWith("..."))) {
            throw new Unsupported("document markers");
        }
        line = raw;
        lineIndent = indent;
    }

    /** The document ended inside a scalar. */
    void end() {
        eof = true;
        line = null;
        lineIndent = -1;
    }
}
