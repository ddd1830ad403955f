package io.tributary.fetcher.source.oci;

import io.fabric8.kubernetes.api.model.Secret;
import io.tributary.fetcher.source.SecretData;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cosign public keys of a verification Secret: every {@code *.pub} value, a PEM {@code PUBLIC KEY}
 * (SubjectPublicKeyInfo) of ECDSA, RSA or Ed25519, as cosign's {@code LoadVerifier(key, SHA256)} reads it:
 * ECDSA and RSA (PKCS#1 v1.5) over SHA-256 of the payload, Ed25519 over the payload itself or its SHA-512 (Ed25519ph).
 */
public final class CosignKeys {

    private static final Pattern PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final List<String> ALGORITHMS = List.of("EC", "RSA", "Ed25519");

    /** One key: the Secret key it came from, and the JDK key. */
    public record Key(String name, PublicKey publicKey) {

        /**
         * Whether {@code signature} is this key's signature of {@code payload}. An Ed25519 key accepts pure Ed25519 (what
         * Flux's verifier checks) and Ed25519ph (SHA-512 prehash, what {@code cosign sign} writes for Ed25519 keys).
         */
        public boolean verifies(byte[] payload, byte[] signature) {
            return switch (publicKey.getAlgorithm()) {
                case "EC" -> check("SHA256withECDSA", null, payload, signature);
                case "RSA" -> check("SHA256withRSA", null, payload, signature);
                default -> check("Ed25519", null, payload, signature)
                        || check("Ed25519", new EdDSAParameterSpec(true), payload, signature);
            };
        }

        private boolean check(String algorithm, EdDSAParameterSpec parameters, byte[] payload, byte[] signature) {
            try {
                Signature verifier = Signature.getInstance(algorithm);
                if (parameters != null) {
                    verifier.setParameter(parameters);
                }
                verifier.initVerify(publicKey);
                verifier.update(payload);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException malformed) {
                return false;
            }
        }
    }

    private CosignKeys() {
    }

    /**
     * The keys of {@code spec.verify.secretRef}, the Secret {@code namespace/name} (null when it does not exist).
     *
     * @throws OciVerificationFailure naming {@code spec.verify.secretRef} when the Secret is missing or has no usable key
     */
    public static List<Key> ofSecret(String namespace, String name, Secret secret) throws OciVerificationFailure {
        String where = "spec.verify.secretRef: secret '" + namespace + "/" + name + "'";
        if (secret == null) {
            throw new OciVerificationFailure(where + " not found");
        }
        try {
            return of(SecretData.of(secret));
        } catch (IllegalArgumentException invalid) {
            throw new OciVerificationFailure(where + ": " + invalid.getMessage());
        }
    }

    /**
     * The keys of the {@code *.pub} entries of {@code data}, in key order.
     *
     * @throws IllegalArgumentException naming an entry that is not a supported PEM public key, or when there is none
     */
    public static List<Key> of(Map<String, String> data) {
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
            if (entry.getKey().endsWith(".pub")) {
                keys.add(new Key(entry.getKey(), parse(entry.getKey(), entry.getValue())));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no public keys (entries named *.pub) found");
        }
        return List.copyOf(keys);
    }

    /** @throws IllegalArgumentException naming {@code name} when {@code pem} is no ECDSA, RSA or Ed25519 public key */
    static PublicKey parse(String name, String pem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("'" + name + "' is not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("'" + name + "' is not valid base64 PEM");
        }
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException otherAlgorithm) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an ECDSA, RSA or Ed25519 public key");
    }
}
