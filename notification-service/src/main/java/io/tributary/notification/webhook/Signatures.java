package io.tributary.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures and constant-time comparisons for webhook validation. */
public final class Signatures {

    private Signatures() {
    }

    /** {@code algorithm}: sha1, sha256 or sha512. */
    public static String hmacHex(String algorithm, String key, byte[] body) {
        String jca = switch (algorithm) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("unsupported signature algorithm '" + algorithm + "'");
        };
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), jca));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compares in time that depends only on the length of {@code expected} (the secret side), not on where or whether
     * {@code actual} differs.
     */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks a header of the form {@code <algo>=<hex>} against the HMAC of the body, as go-github's
     * {@code ValidateSignature} does: the prefix is sha1, sha256 or sha512 exactly, the hex digits in either case.
     */
    public static boolean verifyPrefixed(String header, String token, byte[] body) {
        if (header == null) {
            return false;
        }
        int eq = header.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        String algorithm = header.substring(0, eq);
        try {
            return constantTimeEquals(hmacHex(algorithm, token, body), header.substring(eq + 1).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException unsupported) {
            return false;
        }
    }
}
