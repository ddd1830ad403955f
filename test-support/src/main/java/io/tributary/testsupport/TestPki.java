package io.tributary.testsupport;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests: a CA, a server certificate for 127.0.0.1/localhost and a
 * client certificate, all in memory, as PEM (what Kubernetes secrets hold) and as Java key stores (what servers use).
 */
public final class TestPki {

    public static final String STORE_PASSWORD = "changeit";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair serverKeys;
    private final X509Certificate server;
    private final KeyPair clientKeys;
    private final X509Certificate client;

    private TestPki(String caName) throws Exception {
        caKeys = rsa();
        ca = sign(new X500Name("CN=" + caName), caKeys, new X500Name("CN=" + caName), caKeys, true, false);
        serverKeys = rsa();
        server = sign(new X500Name("CN=127.0.0.1"), serverKeys, new X500Name("CN=" + caName), caKeys, false, true);
        clientKeys = rsa();
        client = sign(new X500Name("CN=tributary-client"), clientKeys, new X500Name("CN=" + caName), caKeys, false, false);
    }

    /** A new CA with its server and client certificates. */
    public static TestPki create(String caName) {
        try {
            return new TestPki(caName);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    public String caPem() {
        return pem(ca);
    }

    public String clientCertPem() {
        return pem(client);
    }

    public String clientKeyPem() {
        return pem(clientKeys.getPrivate());
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    public KeyStore serverKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKeys.getPrivate(), STORE_PASSWORD.toCharArray(), new X509Certificate[] {server, ca});
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyStore caTrustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTPS connector on 127.0.0.1 (free port) serving this CA's server certificate; {@code clientAuth} demands a client certificate. */
    public org.eclipse.jetty.server.ServerConnector httpsConnector(org.eclipse.jetty.server.Server server, boolean clientAuth) {
        org.eclipse.jetty.util.ssl.SslContextFactory.Server tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        tls.setKeyStore(serverKeyStore());
        tls.setKeyStorePassword(STORE_PASSWORD);
        if (clientAuth) {
            tls.setTrustStore(caTrustStore());
            tls.setNeedClientAuth(true);
        }
        org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(server, tls);
        connector.setHost("127.0.0.1");
        return connector;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean authority, boolean serverNames) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (serverNames) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
