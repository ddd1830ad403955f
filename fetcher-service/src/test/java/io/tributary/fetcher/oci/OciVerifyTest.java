package io.tributary.fetcher.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Conditions;
import io.tributary.api.meta.LocalObjectReference;
import io.tributary.api.source.OCIRepositoryRef;
import io.tributary.api.source.OCIRepositorySpec;
import io.tributary.api.source.OCIRepositoryStatus;
import io.tributary.api.source.OCIRepositoryVerification;
import io.tributary.api.source.OciVerification;
import io.tributary.fetcher.source.oci.CosignKeys;
import io.tributary.fetcher.source.oci.CosignSignatures;
import io.tributary.fetcher.source.oci.OciArtifactSteps;
import io.tributary.fetcher.source.oci.OciSignatureCheck;
import io.tributary.fetcher.source.oci.OciVerificationFailure;
import io.tributary.operator.FailureKind;
import io.tributary.testsupport.CosignCli;
import io.tributary.testsupport.OciRegistry;
import io.tributary.testsupport.SharedServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.verify} with cosign public keys against a real registry, the signatures made by the real cosign CLI
 * ({@link CosignCli}, built from the Go module proxy): verified before any layer is pulled, refused with
 * SourceVerified=False and nothing stored when unsigned, signed by another key, or when a signature of another
 * digest is put under the artifact's signature tag; a missing Secret is named; a moved tag is verified again.
 */
class OciVerifyTest {

    static final String NAMESPACE = "team";
    static OciRegistry registry;
    static CosignCli cosign;
    static CosignCli.KeyPair trusted;
    static CosignCli.KeyPair other;

    @TempDir
    Path work;

    @BeforeAll
    static void start(@TempDir Path keys) throws Exception {
        registry = SharedServers.ociRegistry();
        cosign = CosignCli.ensure();
        trusted = cosign.generateKeyPair(keys.resolve("trusted"));
        other = cosign.generateKeyPair(keys.resolve("other"));
    }

    static OCIRepositorySpec verifiedSpec(String repository, String tag) {
        OCIRepositorySpec spec = OciRegistryPullTest.spec(registry, repository);
        spec.secretRef = null;
        spec.ref = new OCIRepositoryRef();
        spec.ref.tag = tag;
        spec.verify = new OCIRepositoryVerification();
        spec.verify.provider = OciVerification.Provider.COSIGN;
        spec.verify.secretRef = new LocalObjectReference();
        spec.verify.secretRef.name = "cosign-keys";
        return spec;
    }

    static Secret secret(Map<String, String> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("cosign-keys").withNamespace(NAMESPACE).endMetadata().withData(encoded).build();
    }

    /** The keys as the fetch worker reads them from the Secret ({@code null}: the Secret does not exist). */
    static OciSignatureCheck.Keys keys(Secret secret) {
        return verify -> CosignKeys.ofSecret(NAMESPACE, verify.secretRef.name, secret);
    }

    static OciSignatureCheck.Keys keys(String... publicKeyPems) {
        Map<String, String> data = new HashMap<>();
        for (int i = 0; i < publicKeyPems.length; i++) {
            data.put("key" + i + ".pub", publicKeyPems[i]);
        }
        data.put("README", "not a key");
        return keys(secret(data));
    }

    String push(String repository, String tag, String content) throws Exception {
        return registry.pushArtifact(repository, tag, OciRegistryPullTest.CONFIG,
                List.of(OciRegistryPullTest.layer(Map.of("app.yaml", content))));
    }

    void sign(String repository, String digest, CosignCli.KeyPair key) throws Exception {
        cosign.sign(registry, repository, digest, key, Files.createTempDirectory(work, "sign"));
    }

    String run(OCIRepositorySpec spec, OCIRepositoryStatus status, long generation, OciRegistryPullTest.DirStorage storage,
            OciSignatureCheck.Keys keys) throws Exception {
        Path workspace = Files.createTempDirectory(work, "ws");
        return OciArtifactSteps.run(spec, status, generation, OciRegistryPullTest.client(registry, spec), storage, workspace, 1 << 20,
                OciRegistryPullTest.LIMITS, keys);
    }

    OciVerificationFailure refused(OCIRepositorySpec spec, OCIRepositoryStatus status, OciRegistryPullTest.DirStorage storage,
            OciSignatureCheck.Keys keys) {
        Throwable thrown = catchThrowable(() -> run(spec, status, 1, storage, keys));
        assertThat(thrown).isInstanceOf(OciVerificationFailure.class);
        OciVerificationFailure failure = (OciVerificationFailure) thrown;
        assertThat(failure.reason()).isEqualTo("VerificationError");
        Condition verified = Conditions.find(status.conditions, ConditionTypes.SOURCE_VERIFIED).orElseThrow();
        assertThat(verified.getStatus()).isEqualTo("False");
        assertThat(verified.getReason()).isEqualTo("VerificationError");
        assertThat(verified.getMessage()).isEqualTo(failure.getMessage());
        return failure;
    }

    static Condition sourceVerified(OCIRepositoryStatus status) {
        return Conditions.find(status.conditions, ConditionTypes.SOURCE_VERIFIED).orElseThrow();
    }

    @Test
    void aSignedArtifactIsVerifiedThenPulledAndAnUnchangedRevisionIsNotVerifiedAgain() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String digest = push(repository, "v1", "signed");
        sign(repository, digest, trusted);
        OCIRepositorySpec spec = verifiedSpec(repository, "v1");
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));

        String message = run(spec, status, 1, storage, keys(other.publicKeyPem(), trusted.publicKeyPem()));

        assertThat(message).isEqualTo("stored artifact for digest 'v1@" + digest + "'");
        Condition verified = sourceVerified(status);
        assertThat(verified.getStatus()).isEqualTo("True");
        assertThat(verified.getReason()).isEqualTo("Succeeded");
        assertThat(verified.getMessage()).isEqualTo("verified signature of revision v1@" + digest);
        assertThat(verified.getObservedGeneration()).isEqualTo(1L);
        assertThat(storage.read(status.artifact.path)).isEqualTo("app.yaml=signed\n");
        long gets = registry.blobGets(repository);
        assertThat(gets).as("the signature payload and the layer").isEqualTo(2);

        run(spec, status, 1, storage, verify -> {
            throw new AssertionError("the keys are not read when the revision was verified at this generation");
        });
        assertThat(registry.blobGets(repository)).as("no payload or layer GET for a verified, unchanged revision").isEqualTo(gets);
        assertThat(sourceVerified(status).getStatus()).isEqualTo("True");

        run(spec, status, 2, storage, keys(trusted.publicKeyPem()));
        assertThat(registry.blobGets(repository)).as("a new generation verifies again, the layer is not pulled").isEqualTo(gets + 1);
        assertThat(sourceVerified(status).getObservedGeneration()).isEqualTo(2L);
        assertThat(storage.stores.get()).isEqualTo(1);
    }

    @Test
    void aDigestReferenceIsVerifiedAndAnOversizedPayloadIsNamed() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String digest = push(repository, "v1", "by digest");
        sign(repository, digest, trusted);
        OCIRepositorySpec spec = verifiedSpec(repository, null);
        spec.ref.digest = digest;
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        run(spec, status, 1, new OciRegistryPullTest.DirStorage(work.resolve("store")), keys(trusted.publicKeyPem()));
        assertThat(sourceVerified(status).getMessage()).isEqualTo("verified signature of revision " + digest);

        String big = push(repository, "v2", "big payload");
        byte[] payload = new byte[(1 << 20) + 1];
        String payloadDigest = registry.pushBlob(repository, payload);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + OciRegistryPullTest.CONFIG.digest()
                + "\",\"size\":" + OciRegistryPullTest.CONFIG.content().length + "},\"layers\":[{\"mediaType\":\"" + CosignSignatures.SIMPLE_SIGNING
                + "\",\"digest\":\"" + payloadDigest + "\",\"size\":" + payload.length + ",\"annotations\":{\"" + CosignSignatures.SIGNATURE_ANNOTATION
                + "\":\"AAAA\"}}]}";
        registry.pushManifest(repository, CosignSignatures.signatureTag(big), "application/vnd.oci.image.manifest.v1+json",
                manifest.getBytes(StandardCharsets.UTF_8));
        OciVerificationFailure failure = refused(verifiedSpec(repository, "v2"), new OCIRepositoryStatus(),
                new OciRegistryPullTest.DirStorage(work.resolve("store2")), keys(trusted.publicKeyPem()));
        assertThat(failure.getMessage()).contains("signature 1 (" + payloadDigest.substring(0, 19) + "): layer " + payloadDigest)
                .contains("over the limit of 1048576");
    }

    @Test
    void anUnsignedArtifactIsRefusedBeforeAnyLayerIsPulled() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String digest = push(repository, "v1", "unsigned");
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));
        OCIRepositoryStatus status = new OCIRepositoryStatus();

        OciVerificationFailure failure = refused(verifiedSpec(repository, "v1"), status, storage, keys(trusted.publicKeyPem()));

        assertThat(failure.getMessage()).isEqualTo("failed to verify the signature using provider 'cosign': no signatures found for '"
                + registry.host() + "/" + repository + "@" + digest + "' (no tag '" + CosignSignatures.signatureTag(digest) + "')");
        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(storage.stores.get()).isZero();
        assertThat(status.artifact).isNull();
        assertThat(registry.blobGets(repository)).as("no layer pulled").isZero();
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String digest = push(repository, "v1", "other key");
        sign(repository, digest, other);
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));

        OciVerificationFailure failure = refused(verifiedSpec(repository, "v1"), new OCIRepositoryStatus(), storage, keys(trusted.publicKeyPem()));

        assertThat(failure.getMessage()).startsWith("failed to verify the signature using provider 'cosign': no matching signatures were found for '"
                + registry.host() + "/" + repository + "@" + digest + "': signature 1 (sha256:")
                .endsWith("the signature does not verify with any of the keys (key0.pub)");
        assertThat(storage.stores.get()).isZero();
        assertThat(registry.blobGets(repository)).as("only the signature payload").isEqualTo(1);
    }

    @Test
    void aSignatureOfAnotherDigestUnderTheSignatureTagIsRefused() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String signedDigest = push(repository, "good", "signed");
        sign(repository, signedDigest, trusted);
        String evilDigest = push(repository, "v1", "tampered");
        byte[] signatureManifest = OciRegistryPullTest.client(registry, verifiedSpec(repository, "v1"))
                .manifest(CosignSignatures.signatureTag(signedDigest)).body();
        registry.pushManifest(repository, CosignSignatures.signatureTag(evilDigest), "application/vnd.oci.image.manifest.v1+json", signatureManifest);
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));

        OciVerificationFailure failure = refused(verifiedSpec(repository, "v1"), new OCIRepositoryStatus(), storage, keys(trusted.publicKeyPem()));

        assertThat(failure.getMessage()).contains("no matching signatures were found for '" + registry.host() + "/" + repository + "@" + evilDigest)
                .endsWith("the signed payload names digest '" + signedDigest + "', not '" + evilDigest + "'");
        assertThat(storage.stores.get()).isZero();
    }

    @Test
    void aMissingSecretOrOneWithoutPublicKeysIsNamed() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String digest = push(repository, "v1", "signed");
        sign(repository, digest, trusted);
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));

        OciVerificationFailure missing = refused(verifiedSpec(repository, "v1"), new OCIRepositoryStatus(), storage, keys((Secret) null));
        assertThat(missing.getMessage()).isEqualTo("failed to verify the signature using provider 'cosign': "
                + "spec.verify.secretRef: secret 'team/cosign-keys' not found");

        OciVerificationFailure empty = refused(verifiedSpec(repository, "v1"), new OCIRepositoryStatus(), storage,
                keys(secret(Map.of("cosign.key", "private"))));
        assertThat(empty.getMessage()).endsWith("spec.verify.secretRef: secret 'team/cosign-keys': no public keys (entries named *.pub) found");

        OciVerificationFailure garbage = refused(verifiedSpec(repository, "v1"), new OCIRepositoryStatus(), storage,
                keys(secret(Map.of("cosign.pub", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))));
        assertThat(garbage.getMessage()).endsWith("secret 'team/cosign-keys': 'cosign.pub' is not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        assertThat(storage.stores.get()).isZero();
        assertThat(registry.blobGets(repository)).as("nothing downloaded without keys").isZero();
    }

    @Test
    void aMovedTagIsVerifiedAgainAndTheVerifiedArtifactStaysUntilTheNewOneIsSigned() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String first = push(repository, "v1", "one");
        sign(repository, first, trusted);
        OCIRepositorySpec spec = verifiedSpec(repository, "v1");
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));
        run(spec, status, 1, storage, keys(trusted.publicKeyPem()));
        assertThat(status.artifact.revision).isEqualTo("v1@" + first);

        String moved = push(repository, "v1", "two");
        OciVerificationFailure failure = refused(spec, status, storage, keys(trusted.publicKeyPem()));
        assertThat(failure.getMessage()).contains("no signatures found for '" + registry.host() + "/" + repository + "@" + moved + "'");
        assertThat(status.artifact.revision).as("the verified artifact stays").isEqualTo("v1@" + first);
        assertThat(storage.read(status.artifact.path)).isEqualTo("app.yaml=one\n");
        assertThat(storage.stores.get()).isEqualTo(1);

        sign(repository, moved, trusted);
        run(spec, status, 1, storage, keys(trusted.publicKeyPem()));
        assertThat(status.artifact.revision).isEqualTo("v1@" + moved);
        assertThat(sourceVerified(status).getMessage()).isEqualTo("verified signature of revision v1@" + moved);
        assertThat(storage.read(status.artifact.path)).isEqualTo("app.yaml=two\n");
    }

    @Test
    void rsaAndEd25519KeysImportedIntoCosignVerify() throws Exception {
        for (String algorithm : List.of("RSA", "Ed25519")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            Path dir = Files.createTempDirectory(work, algorithm);
            Path pem = dir.resolve("private.pem");
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
            CosignCli.KeyPair imported = cosign.importKeyPair(pem, dir);
            String repository = OciRegistryPullTest.repo();
            String digest = push(repository, "v1", algorithm);
            sign(repository, digest, imported);
            OCIRepositoryStatus status = new OCIRepositoryStatus();

            run(verifiedSpec(repository, "v1"), status, 1, new OciRegistryPullTest.DirStorage(work.resolve(algorithm + "-store")),
                    keys(imported.publicKeyPem()));

            assertThat(sourceVerified(status).getStatus()).as(algorithm).isEqualTo("True");
            assertThat(status.artifact.revision).isEqualTo("v1@" + digest);
        }
    }

    @Test
    void keylessAndNotationAreRefusedAsNotSupportedAndWithoutVerifyTheConditionGoes() throws Exception {
        String repository = OciRegistryPullTest.repo();
        String digest = push(repository, "v1", "x");
        OciRegistryPullTest.DirStorage storage = new OciRegistryPullTest.DirStorage(work.resolve("store"));
        OCIRepositorySpec keyless = verifiedSpec(repository, "v1");
        keyless.verify.secretRef = null;
        keyless.verify.matchOIDCIdentity = List.of(new OciVerification.OidcIdentityMatch());
        OciVerificationFailure failure = refused(keyless, new OCIRepositoryStatus(), storage, keys(trusted.publicKeyPem()));
        assertThat(failure.getMessage()).startsWith("failed to verify the signature using provider 'cosign keyless': keyless verification "
                + "(no spec.verify.secretRef, spec.verify.matchOIDCIdentity) is not supported yet");
        assertThat(failure.kind()).isEqualTo(FailureKind.STALLING);

        OCIRepositorySpec notation = verifiedSpec(repository, "v1");
        notation.verify.provider = OciVerification.Provider.NOTATION;
        OCIRepositoryStatus status = new OCIRepositoryStatus();
        assertThat(refused(notation, status, storage, keys(trusted.publicKeyPem())).getMessage())
                .startsWith("failed to verify the signature using provider 'notation': spec.verify.provider: 'notation' is not supported yet");
        assertThat(storage.stores.get()).isZero();

        OCIRepositorySpec plain = verifiedSpec(repository, "v1");
        plain.verify = null;
        status.conditions = Conditions.set(status.conditions, ConditionTypes.SOURCE_VERIFIED, true, "Succeeded", "verified before", 1L);
        run(plain, status, 2, storage, keys(trusted.publicKeyPem()));
        assertThat(Conditions.find(status.conditions, ConditionTypes.SOURCE_VERIFIED)).as("removed without spec.verify").isEmpty();
        assertThat(status.artifact.revision).isEqualTo("v1@" + digest);
    }
}
