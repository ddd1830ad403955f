package io.tributary.fetcher.source.ignore;

/** Go's {@code utf8.DecodeRune}, which the component glob uses for '?' and classes. */
final class Utf8Rune {

    static final int ERROR = 0xFFFD;

    private Utf8Rune() {
    }

    /** Go's utf8.DecodeRune: (length << 32 | rune), U+FFFD with length 1 for an invalid or short encoding. */
    static long decode(byte[] s, int i, int end) {
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
            return (1L << 32) | ERROR;
        }
        if (i + need >= end) {
            return (1L << 32) | ERROR;
        }
        for (int k = 1; k <= need; k++) {
            int b = s[i + k] & 0xFF;
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
                return (1L << 32) | ERROR;
            }
            rune = (rune << 6) | (b & 0x3F);
        }
        return ((long) (need + 1) << 32) | rune;
    }
}
