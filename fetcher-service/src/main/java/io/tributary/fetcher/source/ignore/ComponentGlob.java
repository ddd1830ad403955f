package io.tributary.fetcher.source.ignore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One path component's glob with the semantics of Go's {@code path/filepath.Match} on Unix (Go 1.26), which is
 * what Flux's ignore matcher calls for every component: {@code *}, {@code ?}, {@code [...]} with {@code ^} (not
 * {@code !}) for negation, backslash escapes inside and outside classes, no POSIX classes. Matching runs over UTF-8
 * bytes as Go does: literals compare bytes, {@code ?} and classes take one rune, a star skips bytes.
 *
 * <p>Go reports a malformed pattern (an unclosed class, a trailing backslash, {@code [a-]}, {@code []}) only when the
 * match reaches it, but such a pattern can never match anything, so it is compiled once into a glob that matches
 * nothing.
 */
public final class ComponentGlob {

    private static final byte[] NOTHING = new byte[0];
    private static final int RUNE_ERROR = 0xFFFD;

    /** A chunk: optional leading star, then single-character operators. */
    private record Chunk(boolean star, Op[] ops) {
    }

    /** {@code literal} for a byte, {@code any} for '?', else a character class. */
    private record Op(int literal, boolean any, boolean negated, int[] ranges) {
        static Op literal(byte b) {
            return new Op(b & 0xFF, false, false, null);
        }
    }

    private final String source;
    private final boolean valid;
    private final Chunk[] chunks;
    /** Set when the pattern is only bytes to compare: equality decides. */
    private final byte[] literal;

    private ComponentGlob(String source, boolean valid, Chunk[] chunks, byte[] literal) {
        this.source = source;
        this.valid = valid;
        this.chunks = chunks;
        this.literal = literal;
    }

    public static ComponentGlob compile(String pattern) {
        return compile(pattern, pattern.getBytes(StandardCharsets.UTF_8));
    }

    /** For patterns that are not valid UTF-8 (Go strings are bytes). */
    public static ComponentGlob compile(byte[] pattern) {
        return compile(new String(pattern, StandardCharsets.UTF_8), pattern);
    }

    private static ComponentGlob compile(String source, byte[] pattern) {
        if (!hasMeta(pattern)) {
            return new ComponentGlob(source, true, null, pattern.clone());
        }
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < pattern.length) {
            boolean star = false;
            while (i < pattern.length && pattern[i] == '*') {
                star = true;
                i++;
            }
            int end = chunkEnd(pattern, i);
            Op[] ops = parseChunk(pattern, i, end);
            if (ops == null) {
                return new ComponentGlob(source, false, null, NOTHING);
            }
            chunks.add(new Chunk(star, ops));
            i = end;
        }
        return new ComponentGlob(source, true, chunks.toArray(Chunk[]::new), null);
    }

    private static boolean hasMeta(byte[] pattern) {
        for (byte b : pattern) {
            if (b == '*' || b == '?' || b == '[' || b == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Go's scanChunk: a chunk ends at the first star outside what looks like a class. */
    private static int chunkEnd(byte[] p, int from) {
        boolean inRange = false;
        for (int i = from; i < p.length; i++) {
            switch (p[i]) {
                case '\\' -> {
                    if (i + 1 < p.length) {
                        i++;
                    }
                }
                case '[' -> inRange = true;
                case ']' -> inRange = false;
                case '*' -> {
                    if (!inRange) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return p.length;
    }

    /** Go's matchChunk parser; null when the chunk is malformed. */
    private static Op[] parseChunk(byte[] p, int from, int end) {
        List<Op> ops = new ArrayList<>();
        int i = from;
        while (i < end) {
            byte b = p[i];
            if (b == '[') {
                i++;
                boolean negated = i < end && p[i] == '^';
                if (negated) {
                    i++;
                }
                List<Integer> ranges = new ArrayList<>();
                while (true) {
                    if (i < end && p[i] == ']' && !ranges.isEmpty()) {
                        i++;
                        break;
                    }
                    long lo = escaped(p, i, end);
                    if (lo < 0) {
                        return null;
                    }
                    i = (int) (lo >>> 32);
                    int hi = (int) lo;
                    int low = hi;
                    if (p[i] == '-') {
                        long h = escaped(p, i + 1, end);
                        if (h < 0) {
                            return null;
                        }
                        i = (int) (h >>> 32);
                        hi = (int) h;
                    }
                    ranges.add(low);
                    ranges.add(hi);
                }
                ops.add(new Op(-1, false, negated, ranges.stream().mapToInt(Integer::intValue).toArray()));
            } else if (b == '?') {
                ops.add(new Op(-1, true, false, null));
                i++;
            } else if (b == '\\') {
                i++;
                if (i >= end) {
                    return null;
                }
                ops.add(Op.literal(p[i++]));
            } else {
                ops.add(Op.literal(b));
                i++;
            }
        }
        return ops.toArray(Op[]::new);
    }

    /**
     * Go's getEsc: a possibly escaped rune inside a class, packed as (next index << 32 | rune); negative when malformed
     * (nothing left, a bare '-' or ']', an escape at the end, an invalid rune, or nothing after the rune).
     */
    private static long escaped(byte[] p, int i, int end) {
        if (i >= end || p[i] == '-' || p[i] == ']') {
            return -1;
        }
        if (p[i] == '\\') {
            i++;
            if (i >= end) {
                return -1;
            }
        }
        long rune = decodeRune(p, i, end);
        int r = (int) rune;
        int n = (int) (rune >>> 32);
        if (r == RUNE_ERROR && n == 1) {
            return -1;
        }
        if (i + n >= end) {
            return -1;
        }
        return ((long) (i + n) << 32) | r;
    }

    /** Whether the whole name matches. */
    public boolean matches(String name) {
        return matches(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the whole name (UTF-8 bytes) matches. */
    public boolean matches(byte[] name) {
        if (literal != null) {
            return Arrays.equals(literal, name);
        }
        if (!valid) {
            return false;
        }
        int pos = 0;
        outer:
        for (int c = 0; c < chunks.length; c++) {
            Chunk chunk = chunks[c];
            boolean last = c == chunks.length - 1;
            if (chunk.star() && chunk.ops().length == 0) {
                // a trailing star takes the rest unless it holds a separator
                return indexOf(name, pos, (byte) '/') < 0;
            }
            int t = matchChunk(chunk.ops(), name, pos);
            if (t >= 0 && (t == name.length || !last)) {
                pos = t;
                continue;
            }
            if (chunk.star()) {
                for (int i = pos; i < name.length && name[i] != '/'; i++) {
                    t = matchChunk(chunk.ops(), name, i + 1);
                    if (t >= 0) {
                        if (last && t < name.length) {
                            continue;
                        }
                        pos = t;
                        continue outer;
                    }
                }
            }
            return false;
        }
        return pos == name.length;
    }

    /** Where the chunk's match starting at {@code pos} ends, or -1. */
    private static int matchChunk(Op[] ops, byte[] s, int pos) {
        for (Op op : ops) {
            if (pos >= s.length) {
                return -1;
            }
            if (op.literal() >= 0) {
                if ((s[pos] & 0xFF) != op.literal()) {
                    return -1;
                }
                pos++;
            } else if (op.any()) {
                if (s[pos] == '/') {
                    return -1;
                }
                pos += (int) (decodeRune(s, pos, s.length) >>> 32);
            } else {
                long rune = decodeRune(s, pos, s.length);
                int r = (int) rune;
                boolean match = false;
                int[] ranges = op.ranges();
                for (int k = 0; k < ranges.length && !match; k += 2) {
                    match = ranges[k] <= r && r <= ranges[k + 1];
                }
                if (match == op.negated()) {
                    return -1;
                }
                pos += (int) (rune >>> 32);
            }
        }
        return pos;
    }

    private static int indexOf(byte[] s, int from, byte b) {
        for (int i = from; i < s.length; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Go's utf8.DecodeRune: (length << 32 | rune), U+FFFD with length 1 for an invalid or short encoding. */
    static long decodeRune(byte[] s, int i, int end) {
        int b0 = s[i] & 0xFF;
        if (b0 < 0x80) {
            return (1L << 32) | b0;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        int rune;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            rune = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            rune = b0 & 0x0F;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            rune = b0 & 0x07;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return (1L << 32) | RUNE_ERROR;
        }
        if (i + need >= end) {
            return (1L << 32) | RUNE_ERROR;
        }
        for (int k = 1; k <= need; k++) {
            int b = s[i + k] & 0xFF;
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
                return (1L << 32) | RUNE_ERROR;
            }
            rune = (rune << 6) | (b & 0x3F);
        }
        return ((long) (need + 1) << 32) | rune;
    }

    /** Whether Go would report ErrBadPattern (once a match reaches the fault); such a glob matches nothing. */
    public boolean malformed() {
        return !valid;
    }

    @Override
    public String toString() {
        return source;
    }
}
