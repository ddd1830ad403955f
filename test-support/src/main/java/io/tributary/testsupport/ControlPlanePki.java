package io.tributary.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of one control plane, made fresh at each start, laid out as kubeadm does: a CA (which also signs
 * CSRs through the controller manager), the API server's serving certificate, client certificates for the admin
 * (group {@code system:masters}) and for {@code system:kube-controller-manager}, the front-proxy CA and the client
 * certificate the API server presents to aggregated API servers, and the service-account signing key.
 */
final class ControlPlanePki {

    static final String ADMIN_USER = "tributary-admin";
    static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration VALIDITY = Duration.ofDays(30);
    static final String FRONT_PROXY_CLIENT = "front-proxy-client";
    private static final X500Name CA_NAME = new X500Name("CN=tributary-control-plane-ca");
    private static final X500Name FRONT_PROXY_CA_NAME = new X500Name("CN=tributary-front-proxy-ca");

    final Pem ca;
    final Pem apiServer;
    final Pem admin;
    final Pem controllerManager;
    final Pem frontProxyCa;
    final Pem frontProxyClient;
    final String serviceAccountPublicPem;
    final String serviceAccountPrivatePem;

    /** A certificate and its private key, as PEM. */
    record Pem(String certificate, String key) {
    }

    private ControlPlanePki() throws Exception {
        KeyPair caKeys = rsa();
        ca = new Pem(TestPki.pem(sign(CA_NAME, caKeys, CA_NAME, caKeys, Role.AUTHORITY)), TestPki.pem(caKeys.getPrivate()));
        apiServer = issue(new X500Name("CN=kube-apiserver"), CA_NAME, caKeys, Role.SERVER);
        admin = issue(new X500Name("O=system:masters,CN=" + ADMIN_USER), CA_NAME, caKeys, Role.CLIENT);
        controllerManager = issue(new X500Name("CN=" + CONTROLLER_MANAGER_USER), CA_NAME, caKeys, Role.CLIENT);
        KeyPair frontProxyKeys = rsa();
        frontProxyCa = new Pem(TestPki.pem(sign(FRONT_PROXY_CA_NAME, frontProxyKeys, FRONT_PROXY_CA_NAME, frontProxyKeys,
                Role.AUTHORITY)), TestPki.pem(frontProxyKeys.getPrivate()));
        frontProxyClient = issue(new X500Name("CN=" + FRONT_PROXY_CLIENT), FRONT_PROXY_CA_NAME, frontProxyKeys, Role.CLIENT);
        KeyPair serviceAccount = rsa();
        serviceAccountPublicPem = TestPki.pem(serviceAccount.getPublic());
        serviceAccountPrivatePem = TestPki.pem(serviceAccount.getPrivate());
    }

    static ControlPlanePki create() {
        try {
            return new ControlPlanePki();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the control plane's certificates", e);
        }
    }

    private enum Role { AUTHORITY, SERVER, CLIENT }

    private static Pem issue(X500Name subject, X500Name issuer, KeyPair issuerKeys, Role role) throws Exception {
        KeyPair keys = rsa();
        return new Pem(TestPki.pem(sign(subject, keys, issuer, issuerKeys, role)), TestPki.pem(keys.getPrivate()));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Role role)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.AUTHORITY));
        switch (role) {
            case AUTHORITY -> builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            case SERVER -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.dNSName, "kubernetes"),
                        new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
                        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local")}));
            }
            case CLIENT -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
