package io.tributary.operator.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS material from the PEM keys of a Kubernetes TLS secret: {@code ca.crt} (trust, added to nothing: only that CA
 * is trusted), {@code tls.crt} + {@code tls.key} (client certificate). Errors name the secret key at fault.
 */
public record PemTls(KeyManager[] keyManagers, TrustManager[] trustManagers) {

    /** Builds the material; any argument may be null. Throws IllegalArgumentException naming the bad key. */
    public static PemTls of(String caPem, String certPem, String keyPem) {
        if ((certPem == null) != (keyPem == null)) {
            throw new IllegalArgumentException(certPem == null ? "key 'tls.key' requires key 'tls.crt'" : "key 'tls.crt' requires key 'tls.key'");
        }
        return new PemTls(certPem == null ? null : keyManagers(certPem, keyPem), caPem == null ? null : trustManagers(caPem));
    }

    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    private static TrustManager[] trustManagers(String caPem) {
        Collection<? extends Certificate> certificates = certificates(caPem, "ca.crt");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("key 'ca.crt': " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(String certPem, String keyPem) {
        Certificate[] chain = certificates(certPem, "tls.crt").toArray(Certificate[]::new);
        PrivateKey key = privateKey(keyPem);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "tributary".toCharArray();
            store.setKeyEntry("client", key, password, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("keys 'tls.crt'/'tls.key' do not form a key pair: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String pem, String key) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("key '" + key + "': no PEM certificate found");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key '" + key + "': not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("key 'tls.key': no unencrypted PEM private key found");
        } catch (IOException e) {
            throw new IllegalArgumentException("key 'tls.key': not a PEM private key (" + e.getMessage() + ")", e);
        }
    }
}
