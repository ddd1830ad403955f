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

    /** A chunk: optional leading star, then single-character operators. */
    private record Chunk(boolean star, Op[] ops) {
    }

    /** {@code literal} for a byte, {@code any} for '?', else a character class. */
    private record Op(int literal, boolean any, boolean negated, int[] ranges) {
        static Op literal(byte b) {
            return new Op(b & 0xFF, false, false, null);
        }
    }

    /** Common shapes decided without the general matcher; each gives Go's answer. */
    private enum Shape {
        /** No special character: equal bytes. */
        LITERAL,
        /** Stars then a literal: the name ends with it, no '/' before it. */
        SUFFIX,
        /** A literal then stars: the name starts with it, no '/' after it. */
        PREFIX,
        /** Stars only: no '/'. */
        ANY,
        GENERAL,
        NEVER
    }

    private final String source;
    private final Shape shape;
    private final Chunk[] chunks;
    private final byte[] fixed;

    private ComponentGlob(String source, Shape shape, Chunk[] chunks, byte[] fixed) {
        this.source = source;
        this.shape = shape;
        this.chunks = chunks;
        this.fixed = fixed;
    }

    public static ComponentGlob compile(String pattern) {
        return compile(pattern, pattern.getBytes(StandardCharsets.UTF_8));
    }

    /** For patterns that are not valid UTF-8 (Go strings are bytes). */
    public static ComponentGlob compile(byte[] pattern) {
        return compile(new String(pattern, StandardCharsets.UTF_8), pattern);
    }

    private static ComponentGlob compile(String source, byte[] pattern) {
        if (!hasMeta(pattern, 0, pattern.length)) {
            return new ComponentGlob(source, Shape.LITERAL, null, pattern.clone());
        }
        int stars = 0;
        while (stars < pattern.length && pattern[stars] == '*') {
            stars++;
        }
        if (stars == pattern.length) {
            return new ComponentGlob(source, Shape.ANY, null, NOTHING);
        }
        if (stars > 0 && !hasMeta(pattern, stars, pattern.length) && indexOf(pattern, stars, (byte) '/') < 0) {
            return new ComponentGlob(source, Shape.SUFFIX, null, Arrays.copyOfRange(pattern, stars, pattern.length));
        }
        int literalEnd = 0;
        while (literalEnd < pattern.length && !meta(pattern[literalEnd])) {
            literalEnd++;
        }
        if (literalEnd > 0 && allStars(pattern, literalEnd)) {
            return new ComponentGlob(source, Shape.PREFIX, null, Arrays.copyOf(pattern, literalEnd));
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
                return new ComponentGlob(source, Shape.NEVER, null, NOTHING);
            }
            chunks.add(new Chunk(star, ops));
            i = end;
        }
        return new ComponentGlob(source, Shape.GENERAL, chunks.toArray(Chunk[]::new), null);
    }

    private static boolean meta(byte b) {
        return b == '*' || b == '?' || b == '[' || b == '\\';
    }

    private static boolean hasMeta(byte[] pattern, int from, int to) {
        for (int i = from; i < to; i++) {
            if (meta(pattern[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean allStars(byte[] pattern, int from) {
        for (int i = from; i < pattern.length; i++) {
            if (pattern[i] != '*') {
                return false;
            }
        }
        return true;
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
                i = parseClass(p, i + 1, end, ops);
                if (i < 0) {
                    return null;
                }
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

    /** A class after its '[': adds it and returns the index after its ']', or -1 when malformed. */
    private static int parseClass(byte[] p, int i, int end, List<Op> ops) {
        boolean negated = i < end && p[i] == '^';
        if (negated) {
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        while (!(i < end && p[i] == ']' && !ranges.isEmpty())) {
            long lo = escaped(p, i, end);
            if (lo < 0) {
                return -1;
            }
            i = (int) (lo >>> 32);
            long hi = lo;
            if (p[i] == '-') {
                hi = escaped(p, i + 1, end);
                if (hi < 0) {
                    return -1;
                }
                i = (int) (hi >>> 32);
            }
            ranges.add((int) lo);
            ranges.add((int) hi);
        }
        ops.add(new Op(-1, false, negated, ranges.stream().mapToInt(Integer::intValue).toArray()));
        return i + 1;
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
        long rune = Utf8Rune.decode(p, i, end);
        int r = (int) rune;
        int n = (int) (rune >>> 32);
        if (r == Utf8Rune.ERROR && n == 1) {
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
        return switch (shape) {
            case LITERAL -> Arrays.equals(fixed, name);
            case SUFFIX -> name.length >= fixed.length
                    && Arrays.equals(name, name.length - fixed.length, name.length, fixed, 0, fixed.length)
                    && noSlash(name, 0, name.length - fixed.length);
            case PREFIX -> name.length >= fixed.length
                    && Arrays.equals(name, 0, fixed.length, fixed, 0, fixed.length)
                    && noSlash(name, fixed.length, name.length);
            case ANY -> noSlash(name, 0, name.length);
            case GENERAL -> matchChunks(name);
            case NEVER -> false;
        };
    }

    private static boolean noSlash(byte[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == '/') {
                return false;
            }
        }
        return true;
    }

    /** Go's Match loop: each chunk at the leftmost place it fits, the last one at the end of the name. */
    private boolean matchChunks(byte[] name) {
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
                pos += (int) (Utf8Rune.decode(s, pos, s.length) >>> 32);
            } else {
                long rune = Utf8Rune.decode(s, pos, s.length);
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

    /** Whether Go would report ErrBadPattern (once a match reaches the fault); such a glob matches nothing. */
    public boolean malformed() {
        return shape == Shape.NEVER;
    }

    @Override
    public String toString() {
        return source;
    }
}
