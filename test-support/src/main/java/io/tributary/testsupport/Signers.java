package io.tributary.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/** Real OpenPGP and SSH signers for signed commits and tags in tests. A signer maps the signed payload to its signature. */
public final class Signers {

    private Signers() {
    }

    /** An OpenPGP RSA key: {@link #publicKeyArmored()} is what goes under a {@code *.asc} secret key. */
    public static final class Pgp implements UnaryOperator<byte[]> {
        private final PGPKeyPair pair;
        private final String armoredPublicKey;

        public Pgp(String userId) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                pair = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(), new Date());
                var sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
                PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1, null, null,
                        new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), null);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                    rings.generatePublicKeyRing().encode(armored);
                }
                armoredPublicKey = out.toString(StandardCharsets.US_ASCII);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create an OpenPGP key", e);
            }
        }

        public String publicKeyArmored() {
            return armoredPublicKey;
        }

        public String keyId() {
            return String.format("%016X", pair.getKeyID());
        }

        @Override
        @SuppressWarnings("deprecation")
        public byte[] apply(byte[] payload) {
            try {
                PGPSignatureGenerator generator = new PGPSignatureGenerator(
                        new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256));
                generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
                generator.update(payload);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                    generator.generate().encode(armored);
                }
                return out.toByteArray();
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign", e);
            }
        }
    }

    /** An {@code sshsig} signer (namespace {@code git}, sha512), as {@code git -c gpg.format=ssh} makes. */
    public static UnaryOperator<byte[]> ssh(KeyPair keys) {
        return payload -> {
            try {
                String keyType = KeyUtils.getKeyType(keys);
                String algorithm = keyType.equals(KeyUtils.RSA_ALGORITHM) || keyType.equals("ssh-rsa") ? "rsa-sha2-512" : keyType;
                ByteArrayBuffer publicKey = new ByteArrayBuffer();
                publicKey.putRawPublicKey(keys.getPublic());
                ByteArrayBuffer signed = new ByteArrayBuffer();
                signed.putRawBytes("SSHSIG".getBytes(StandardCharsets.US_ASCII));
                signed.putString("git");
                signed.putString("");
                signed.putString("sha512");
                signed.putBytes(MessageDigest.getInstance("SHA-512").digest(payload));
                Signature signer = BuiltinSignatures.fromFactoryName(algorithm).create();
                signer.initSigner(null, keys.getPrivate());
                signer.update(null, signed.getCompactData());
                byte[] raw = signer.sign(null);
                ByteArrayBuffer wire = new ByteArrayBuffer();
                wire.putString(algorithm);
                wire.putBytes(raw);
                ByteArrayBuffer blob = new ByteArrayBuffer();
                blob.putRawBytes("SSHSIG".getBytes(StandardCharsets.US_ASCII));
                blob.putInt(1);
                blob.putBytes(publicKey.getCompactData());
                blob.putString("git");
                blob.putString("");
                blob.putString("sha512");
                blob.putBytes(wire.getCompactData());
                String base64 = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(blob.getCompactData());
                return ("-----BEGIN SSH SIGNATURE-----\n" + base64 + "\n-----END SSH SIGNATURE-----\n").getBytes(StandardCharsets.US_ASCII);
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign", e);
            }
        };
    }
}
