package io.tributary.semver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Test tables ported from Masterminds/semver, kept as data under {@code src/test/resources/io/tributary/semver/masterminds}:
 * one file per upstream table, one row per line, cells written as the Go source writes them ({@code "quoted"} with Go
 * escapes, {@code `raw`}, {@code true}/{@code false}, {@code nil}, integers, and names such as
 * {@code constraintTilde}), {@code #} lines and trailing {@code //} comments ignored.
 */
final class UpstreamRows {

    /** The upstream tag/commit every table was copied from. */
    static final String UPSTREAM = "Masterminds/semver 71f2b39f5a1f18100def1d01ef4f59576e4c6da2";

    /** A bare Go identifier in a row (a function or error name). */
    record Name(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Row(String file, int line, String text, List<Object> cells) {
    }

    private UpstreamRows() {
    }

    /** Every row of a table as JUnit arguments named {@code file:line row}. */
    static Stream<Arguments> arguments(String table) {
        return load(table).stream().map(row -> Arguments.argumentSet(row.file() + ":" + row.line() + "  " + row.text(),
                row.cells().toArray()));
    }

    static List<Row> load(String table) {
        String file = table + ".rows";
        List<Row> rows = new ArrayList<>();
        try (InputStream in = UpstreamRows.class.getResourceAsStream("masterminds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no table " + file);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<Object> cells = new ArrayList<>();
                String text = cells(line, cells, file + ":" + (i + 1));
                rows.add(new Row(file, i + 1, text, Collections.unmodifiableList(cells)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Reads the cells of one line into {@code out}; returns the line without its comment. */
    private static String cells(String line, List<Object> out, String where) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
            } else if (line.startsWith("//", i)) {
                return line.substring(0, i).strip();
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (line.charAt(i) != '"') {
                    char ch = line.charAt(i++);
                    if (ch == '\\') {
                        char e = line.charAt(i++);
                        s.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalStateException(where + ": unknown escape \\" + e);
                        });
                    } else {
                        s.append(ch);
                    }
                }
                i++;
                out.add(s.toString());
            } else if (c == '`') {
                int end = line.indexOf('`', i + 1);
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < n && line.charAt(end) != ',' && line.charAt(end) != ' ') {
                    end++;
                }
                String word = line.substring(i, end);
                out.add(switch (word) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "nil" -> null;
                    default -> word.matches("-?[0-9]+") ? (Object) Integer.valueOf(word) : new Name(word);
                });
                i = end;
            }
        }
        return line;
    }
}
