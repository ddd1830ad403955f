package io.tributary.fetcher.source.git;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Checks OpenPGP and SSH ({@code sshsig}, namespace {@code git}) signatures of commits and tags against the public
 * keys of a verification secret: armored OpenPGP keys under {@code *.asc} keys, OpenSSH public keys (one per line)
 * under {@code *.sshpub} keys.
 */
public final class SignatureVerifier {

    private static final byte[] SSHSIG = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

    private final List<PGPPublicKeyRing> pgpKeys = new ArrayList<>();
    private final List<PublicKey> sshKeys = new ArrayList<>();

    /** Reads the keys; throws IllegalArgumentException naming a secret key that cannot be read. */
    public SignatureVerifier(Map<String, String> secretData) {
        secretData.forEach((name, value) -> {
            if (name.endsWith(".asc")) {
                try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII)))) {
                    int before = pgpKeys.size();
                    new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator()).forEach(pgpKeys::add);
                    if (pgpKeys.size() == before) {
                        throw new IllegalArgumentException("no key");
                    }
                } catch (IOException | PGPException | RuntimeException e) {
                    throw new IllegalArgumentException("key '" + name + "' is not an armored OpenPGP public key");
                }
            } else if (name.endsWith(".sshpub")) {
                for (String line : value.split("\\R")) {
                    if (line.isBlank() || line.trim().startsWith("#")) {
                        continue;
                    }
                    try {
                        sshKeys.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim()).resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
                    } catch (Exception e) {
                        throw new IllegalArgumentException("key '" + name + "' has a line that is not an OpenSSH public key");
                    }
                }
            }
        });
        if (pgpKeys.isEmpty() && sshKeys.isEmpty()) {
            throw new IllegalArgumentException("no public keys found under '*.asc' or '*.sshpub' keys");
        }
    }

    /**
     * Verifies {@code signature} over {@code payload}; returns the key that made it (fingerprint or key ID).
     * Throws IllegalArgumentException when it is missing, malformed, or made by a key the secret does not hold.
     */
    public String verify(byte[] payload, byte[] signature) {
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("not signed");
        }
        String armored = new String(signature, StandardCharsets.US_ASCII).trim();
        if (armored.startsWith("-----BEGIN SSH SIGNATURE-----")) {
            return verifySsh(payload, armored);
        }
        return verifyPgp(payload, signature);
    }

    private String verifyPgp(byte[] payload, byte[] signature) {
        PGPSignature sig;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            Object object = new PGPObjectFactory(in, new JcaKeyFingerprintCalculator()).nextObject();
            if (!(object instanceof PGPSignatureList list) || list.isEmpty()) {
                throw new IllegalArgumentException("the signature is not an OpenPGP signature");
            }
            sig = list.get(0);
        } catch (IOException e) {
            throw new IllegalArgumentException("the signature cannot be read");
        }
        for (PGPPublicKeyRing ring : pgpKeys) {
            PGPPublicKey key = ring.getPublicKey(sig.getKeyID());
            if (key == null) {
                continue;
            }
            try {
                sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
                sig.update(payload);
                if (sig.verify()) {
                    return String.format("%016X", key.getKeyID());
                }
                throw new IllegalArgumentException("signature by key " + String.format("%016X", key.getKeyID()) + " does not match the content");
            } catch (PGPException e) {
                throw new IllegalArgumentException("the signature cannot be checked: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("signed by key " + String.format("%016X", sig.getKeyID()) + ", which is not in the secret");
    }

    private String verifySsh(byte[] payload, String armored) {
        String body = armored.replace("-----BEGIN SSH SIGNATURE-----", "").replace("-----END SSH SIGNATURE-----", "").replaceAll("\\s", "");
        try {
            ByteArrayBuffer blob = new ByteArrayBuffer(Base64.getDecoder().decode(body));
            byte[] magic = new byte[6];
            blob.getRawBytes(magic);
            if (!Arrays.equals(magic, SSHSIG) || blob.getInt() != 1) {
                throw new IllegalArgumentException("the signature is not an SSH signature (version 1)");
            }
            byte[] publicKeyBlob = blob.getBytes();
            String namespace = blob.getString();
            String reserved = blob.getString();
            String hashAlgorithm = blob.getString();
            byte[] signature = blob.getBytes();
            if (!"git".equals(namespace)) {
                throw new IllegalArgumentException("SSH signature namespace is '" + namespace + "', not 'git'");
            }
            PublicKey signer = new ByteArrayBuffer(publicKeyBlob).getRawPublicKey();
            PublicKey known = sshKeys.stream().filter(k -> KeyUtils.compareKeys(k, signer)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("signed by SSH key " + KeyUtils.getFingerPrint(signer) + ", which is not in the secret"));
            String digestName = switch (hashAlgorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> throw new IllegalArgumentException("SSH signature hash '" + hashAlgorithm + "' is not supported");
            };
            ByteArrayBuffer signed = new ByteArrayBuffer();
            signed.putRawBytes(SSHSIG);
            signed.putString(namespace);
            signed.putString(reserved);
            signed.putString(hashAlgorithm);
            signed.putBytes(MessageDigest.getInstance(digestName).digest(payload));
            String algorithm = new ByteArrayBuffer(signature).getString();
            BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(algorithm);
            if (factory == null || !factory.isSupported()) {
                throw new IllegalArgumentException("SSH signature algorithm '" + algorithm + "' is not supported");
            }
            Signature verifier = factory.create();
            verifier.initVerifier(null, known);
            verifier.update(null, signed.getCompactData());
            if (!verifier.verify(null, signature)) {
                throw new IllegalArgumentException("signature by SSH key " + KeyUtils.getFingerPrint(known) + " does not match the content");
            }
            return KeyUtils.getFingerPrint(known);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("the SSH signature cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A commit's raw bytes without its {@code gpgsig} header: what was signed. */
    public static byte[] commitPayload(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        boolean inHeader = true;
        boolean skipping = false;
        while (i < raw.length) {
            int end = i;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(raw.length, end + 1);
            if (inHeader) {
                if (end == i) {
                    inHeader = false;
                } else if (skipping && raw[i] == ' ') {
                    i = next;
                    continue;
                } else {
                    skipping = startsWith(raw, i, "gpgsig ") || startsWith(raw, i, "gpgsig-sha256 ");
                    if (skipping) {
                        i = next;
                        continue;
                    }
                }
            }
            out.write(raw, i, next - i);
            i = next;
        }
        return out.toByteArray();
    }

    /** A tag's raw bytes up to its signature block: what was signed. */
    public static byte[] tagPayload(byte[] raw, byte[] signature) {
        if (signature == null) {
            return raw;
        }
        return Arrays.copyOf(raw, raw.length - signature.length);
    }

    private static boolean startsWith(byte[] raw, int offset, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (offset + p.length > raw.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (raw[offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
