package io.tributary.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** SSH key pairs for tests, and their OpenSSH text forms as they appear in Kubernetes secrets. */
public final class SshKeys {

    private SshKeys() {
    }

    /** {@code type} is an OpenSSH key type: ssh-rsa, ecdsa-sha2-nistp256, ssh-ed25519. */
    public static KeyPair generate(String type) {
        try {
            int bits = switch (type) {
                case KeyPairProviderTypes.RSA -> 3072;
                case KeyPairProviderTypes.ECDSA -> 256;
                default -> 256;
            };
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + type + " key", e);
        }
    }

    /** The private key as an OpenSSH PEM ("BEGIN OPENSSH PRIVATE KEY"), encrypted when {@code password} is set. */
    public static String privateKey(KeyPair keys, String password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyEncryptionContext options = null;
            if (password != null) {
                options = new OpenSSHKeyEncryptionContext();
                options.setPassword(password);
                options.setCipherName("AES");
                options.setCipherMode("CTR");
                options.setCipherType("256");
            }
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keys, "tributary-test", options, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <type> <base64>} as in authorized_keys or an allowed-signers entry. */
    public static String publicKey(KeyPair keys) {
        return PublicKeyEntry.toString(keys.getPublic());
    }

    /** Key type names. */
    public static final class KeyPairProviderTypes {
        public static final String RSA = "ssh-rsa";
        public static final String ECDSA = "ecdsa-sha2-nistp256";
        public static final String ED25519 = "ssh-ed25519";

        private KeyPairProviderTypes() {
        }
    }
}
